namespace Highwater.Core.Capabilities;

/// <summary>What one service's API can do per call. Every operation is optional.</summary>
public sealed record ServiceCapabilities
{
    /// <summary>The service's name, as configuration spells it.</summary>
    public required string Service { get; init; }

    /// <summary>Finding records by foreign key.</summary>
    public LookupCapability? Lookup { get; init; }

    /// <summary>Deleting records by remote id.</summary>
    public BatchCapability? Delete { get; init; }

    /// <summary>Updating records that exist.</summary>
    public UpdateCapability? Update { get; init; }

    /// <summary>Creating records; the answer gives each new remote id.</summary>
    public BatchCapability? Create { get; init; }

    /// <summary>Creating or updating by foreign key in one call.</summary>
    public UpsertCapability? Upsert { get; init; }

    /// <summary>How memberships change.</summary>
    public MembershipCapability Membership { get; init; } = new(MembershipStyle.None);

    /// <summary>
    /// The service refuses two records with one foreign key (Eloqua's unique e-mail address): records
    /// that move keys among themselves (a swap, a chain) are updated in an order it accepts, a cycle
    /// broken by first moving one record to a temporary key.
    /// </summary>
    public bool UniqueForeignKeys { get; init; }

    /// <summary>
    /// A record's id is its foreign key's (Mailchimp's subscriber hash, the MD5 of the e-mail): a move
    /// gives the record a new id, so a move in doubt leaves its id in doubt too, and the record found
    /// under a key the move was sent toward is the profile's unless another profile owns it.
    /// </summary>
    public bool IdsFollowKeys { get; init; }

    /// <summary>An asynchronous bulk upsert by foreign key, used instead of lookups and batch writes when it costs fewer requests.</summary>
    public BulkUpsertCapability? BulkUpsert { get; init; }

    /// <summary>
    /// Checks the capabilities make sense and returns every problem found, each naming its property.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Positive(string name, int value)
        {
            if (value < 1)
            {
                problems.Add($"{Service}.{name}: must be at least 1 (was {value})");
            }
        }

        if (Lookup is { } lookup) { Positive("lookup.maxKeys", lookup.MaxKeys); Positive("lookup.requestsPerCall", lookup.RequestsPerCall); }
        if (Delete is { } delete) { Positive("delete.maxBatch", delete.MaxBatch); Positive("delete.requestsPerCall", delete.RequestsPerCall); }
        if (Update is { } update) { Positive("update.maxBatch", update.MaxBatch); Positive("update.requestsPerCall", update.RequestsPerCall); }
        if (Create is { } create) { Positive("create.maxBatch", create.MaxBatch); Positive("create.requestsPerCall", create.RequestsPerCall); }
        if (Upsert is { } upsert) { Positive("upsert.maxBatch", upsert.MaxBatch); Positive("upsert.requestsPerCall", upsert.RequestsPerCall); }
        if (BulkUpsert is { } bulk)
        {
            Positive("bulkUpsert.minRecords", bulk.MinRecords);
            Positive("bulkUpsert.maxRecords", bulk.MaxRecords);
            Positive("bulkUpsert.recordsPerUpload", bulk.RecordsPerUpload);
            Positive("bulkUpsert.fixedRequests", bulk.FixedRequests);
            if (bulk.LatencyCalls < 0)
            {
                problems.Add($"{Service}.bulkUpsert.latencyCalls: must be 0 or more (was {bulk.LatencyCalls})");
            }
        }

        if (Membership.Style is MembershipStyle.PerListAndDirection or MembershipStyle.PerList or MembershipStyle.AllLists)
        {
            Positive("membership.maxBatch", Membership.MaxBatch);
            Positive("membership.requestsPerCall", Membership.RequestsPerCall);
        }

        if (Update is null && Upsert is null)
        {
            problems.Add($"{Service}: needs an update or an upsert operation to change existing records");
        }

        if (Create is null && Upsert is null)
        {
            problems.Add($"{Service}: needs a create or an upsert operation to add records");
        }

        if (Lookup is null && Upsert is null)
        {
            problems.Add($"{Service}: needs a lookup or an upsert operation to find records by foreign key");
        }

        if (Membership.NeedsRemoteIds && Upsert is { ReturnsIds: false } && (Lookup is null || Create is null))
        {
            problems.Add($"{Service}: membership calls address records by id, and its upsert answers none, so it needs both a lookup and a create");
        }

        if (BulkUpsert is not null && Membership.Style is not (MembershipStyle.Inline or MembershipStyle.None))
        {
            problems.Add($"{Service}: a bulk upsert answers no ids, so memberships must ride on it (style inline or none)");
        }

        return problems;
    }
}
