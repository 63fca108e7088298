using System.Text.Json.Serialization;

namespace Highwater.Cli.Commands.Plan;

/// <summary>Source-generated serializer for <see cref="PlanJson"/>: camelCase names, indented.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(PlanJson))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
