namespace Highwater.Simulators.HubSpot;

/// <summary>What to put in the account before a run (the body of <c>POST /_sim/seed</c>).</summary>
public sealed record HubSpotSeed
{
    /// <summary>MANUAL contact list names to exist (created when missing).</summary>
    public IReadOnlyList<string> Lists { get; init; } = [];

    /// <summary>DYNAMIC (active) contact list names to exist, which take no members from the API.</summary>
    public IReadOnlyList<string> DynamicLists { get; init; } = [];

    /// <summary>Custom contact properties to exist (single-line text).</summary>
    public IReadOnlyList<string> Properties { get; init; } = [];

    /// <summary>Contacts to exist.</summary>
    public IReadOnlyList<HubSpotSeedRecord> Records { get; init; } = [];
}
