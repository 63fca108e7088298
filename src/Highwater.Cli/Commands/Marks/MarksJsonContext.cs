using System.Text.Json.Serialization;

namespace Highwater.Cli.Commands.Marks;

/// <summary>Source-generated serializer for <see cref="MarksJson"/>: camelCase names, indented.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(MarksJson))]
internal sealed partial class MarksJsonContext : JsonSerializerContext;
