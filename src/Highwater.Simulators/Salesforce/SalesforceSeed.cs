namespace Highwater.Simulators.Salesforce;

/// <summary>What to put in the org before a run (the body of <c>POST /_sim/seed</c>).</summary>
public sealed record SalesforceSeed
{
    /// <summary>Campaign names to exist (created when missing).</summary>
    public IReadOnlyList<string> Lists { get; init; } = [];

    /// <summary>Contacts to exist.</summary>
    public IReadOnlyList<SalesforceSeedRecord> Records { get; init; } = [];
}
