using System.Text.Json.Serialization;

namespace Highwater.Cli.Commands.Budget;

/// <summary>
/// Source-generated serializer for <see cref="BudgetJson"/>: camelCase names, indented for people.
/// A batch that costs nothing would make the rates infinite, which JSON numbers cannot say, so
/// those are written as the string "Infinity".
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BudgetJson))]
internal sealed partial class BudgetJsonContext : JsonSerializerContext;
