using System.Text.Json.Serialization;

namespace Highwater.Cli.Commands.Status;

/// <summary>Source-generated serializer for <see cref="StatusJson"/>: camelCase names, indented.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(StatusJson))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
