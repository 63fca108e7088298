using Highwater.Core.Planning;

namespace Highwater.Engine.Running;

/// <summary>
/// What exporting the rows waiting for one destination would take: the planner's calls by kind,
/// what it would do with each profile, and what one call per user would have cost instead.
/// </summary>
public sealed record ExportEstimate
{
    /// <summary>The destination.</summary>
    public required string Destination { get; init; }

    /// <summary>Live rows waiting (claimed by a worker, waiting for a retry, or free).</summary>
    public long LiveRows { get; init; }

    /// <summary>Backfill rows waiting.</summary>
    public long BackfillRows { get; init; }

    /// <summary>All rows waiting.</summary>
    public long Rows => LiveRows + BackfillRows;

    /// <summary>Batches the rows make, at the rows an export claims at once.</summary>
    public int Batches { get; init; }

    /// <summary>Rows that cannot be exported as they stand (no foreign key): the export puts them in the dead letters at once.</summary>
    public long Invalid { get; init; }

    /// <summary>Rows with nothing to do (the profile is gone, or was deleted before it was ever exported).</summary>
    public long Gone { get; init; }

    /// <summary>What the plans do with the profiles, by disposition.</summary>
    public IReadOnlyDictionary<Disposition, long> Profiles { get; init; } = new Dictionary<Disposition, long>();

    /// <summary>API calls by kind (<c>lookup</c>, <c>create</c>, <c>listAdd</c>, ...).</summary>
    public IReadOnlyDictionary<string, long> Calls { get; init; } = new Dictionary<string, long>();

    /// <summary>HTTP requests against the quota by kind (a call may cost several, as a bulk job does).</summary>
    public IReadOnlyDictionary<string, long> Requests { get; init; } = new Dictionary<string, long>();

    /// <summary>HTTP requests against the quota: the cost.</summary>
    public long TotalRequests => Requests.Values.Sum();

    /// <summary>
    /// What the same work would cost one request per user and operation, by kind: every record of
    /// every planned call (each lookup, write and membership change) sent on its own.
    /// </summary>
    public IReadOnlyDictionary<string, long> OneCallPerUserByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Where the service has a bulk path beside its batch calls (Pardot's Import API), the choice
    /// made for each batch and why, in words ("bulk job: 2,000 records for about 5 calls instead
    /// of at least 2,040 ..."); empty for services with one path.
    /// </summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>What the same work would cost one request per user and operation.</summary>
    public long OneCallPerUser => OneCallPerUserByKind.Values.Sum();
}
