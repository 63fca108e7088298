namespace Highwater.Core.Connectors;

/// <summary>The service's answer to one call, one outcome per record in the call's order.</summary>
/// <param name="Records">The outcomes.</param>
public sealed record CallResult(IReadOnlyList<RecordOutcome> Records);
