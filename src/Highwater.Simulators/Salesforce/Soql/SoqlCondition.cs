namespace Highwater.Simulators.Salesforce.Soql;

/// <summary>A <c>field IN (..)</c> or <c>field = ..</c> condition; a value is null for SOQL <c>null</c>.</summary>
/// <param name="Field">The field compared.</param>
/// <param name="Values">The values it may equal.</param>
internal sealed record SoqlCondition(string Field, IReadOnlyList<string?> Values);
