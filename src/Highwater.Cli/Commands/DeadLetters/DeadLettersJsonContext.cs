using System.Text.Json.Serialization;

namespace Highwater.Cli.Commands.DeadLetters;

/// <summary>Source-generated serializer for <see cref="DeadLettersJson"/>: camelCase names, indented.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(DeadLettersJson))]
internal sealed partial class DeadLettersJsonContext : JsonSerializerContext;
