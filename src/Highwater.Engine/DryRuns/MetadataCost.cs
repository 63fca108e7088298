namespace Highwater.Engine.DryRuns;

/// <summary>
/// The metadata calls the next sync makes beside its data calls and a pending list adoption: one
/// sign-in (never metered against the quota), the lookups that resolve the mapped lists by name
/// (each process resolves them once), and, before the destination's first export, the creation of
/// the lists the service does not have yet. Whether a list exists cannot be known without asking, so
/// the creations are a ceiling: none is made for a list that is there.
/// </summary>
/// <param name="SignIn">Sign-in requests: 1 when the sync calls the service at all.</param>
/// <param name="ListLookups">Requests that find the mapped lists by name.</param>
/// <param name="ListCreations">Lists created at most (the first export, when none of them exists yet).</param>
/// <param name="Unpriced">What the service spends beside these that is not priced (Eloqua's bulk job bookkeeping), in words; null when nothing.</param>
public sealed record MetadataCost(int SignIn, int ListLookups, int ListCreations, string? Unpriced = null)
{
    /// <summary>The calls that count against the quota (list lookups and creations; a sign-in does not).</summary>
    public int Metered => ListLookups + ListCreations;

    /// <summary>Every metadata call.</summary>
    public int Total => SignIn + Metered;
}
