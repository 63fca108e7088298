namespace Highwater.Simulators.Eloqua;

/// <summary>What to put in the instance before a run (the body of <c>POST /_sim/seed</c>).</summary>
public sealed record EloquaSeed
{
    /// <summary>Contact list names to exist (created when missing).</summary>
    public IReadOnlyList<string> Lists { get; init; } = [];

    /// <summary>Contacts to exist.</summary>
    public IReadOnlyList<EloquaSeedRecord> Records { get; init; } = [];
}
