namespace Highwater.Engine.DryRuns;

/// <summary>
/// The one-time cost of adopting a destination's mapped lists before its first export: each list's
/// members are read once, a page at a time. How many members a list holds cannot be known without
/// reading it, so the cost is a floor and a rate.
/// </summary>
/// <param name="Lists">The lists to read.</param>
/// <param name="MembersPerCall">Members a call reads; null when the connector does not say.</param>
public sealed record AdoptionCost(IReadOnlyList<string> Lists, int? MembersPerCall)
{
    /// <summary>Calls at least: one page per list (an empty or new list).</summary>
    public int MinimumCalls => Lists.Count;
}
