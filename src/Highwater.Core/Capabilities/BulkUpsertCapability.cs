namespace Highwater.Core.Capabilities;

/// <summary>
/// An asynchronous bulk upsert matched by foreign key (Pardot's Import API): one job per planned
/// call, made of several requests (create the job, upload its records in parts, start it, poll it
/// until it is done). It needs no lookup, carries memberships inline and answers no remote ids.
/// </summary>
/// <param name="MinRecords">The fewest records ever sent as a job.</param>
/// <param name="MaxRecords">Most records one job may carry.</param>
/// <param name="RecordsPerUpload">Records one upload request carries.</param>
/// <param name="FixedRequests">Requests every job costs besides its uploads: creating and starting it, and the polls expected.</param>
/// <param name="LatencyCalls">
/// What a job's wait (minutes, where the batch calls take seconds) is worth in calls while the day's
/// quota is untouched: a job is chosen only when it saves at least this many calls times the share
/// of the day's quota left, so a full quota buys speed and a spent one buys calls. 0: the cheaper
/// path always.
/// </param>
public readonly record struct BulkUpsertCapability(int MinRecords, int MaxRecords, int RecordsPerUpload, int FixedRequests, int LatencyCalls = 0)
{
    /// <summary>The fewest calls a job must save to be chosen, with <paramref name="quotaLeft"/> (0..1) of the day's quota left.</summary>
    public int WorthSaving(double quotaLeft) => (int)Math.Ceiling(LatencyCalls * Math.Clamp(quotaLeft, 0, 1));

    /// <summary>Requests that carry <paramref name="records"/> records in as few jobs as <see cref="MaxRecords"/> allows.</summary>
    public int RequestsFor(int records)
    {
        if (records <= 0)
        {
            return 0;
        }

        var full = records / MaxRecords;
        var rest = records % MaxRecords;
        var perFullJob = FixedRequests + Uploads(MaxRecords);
        return (full * perFullJob) + (rest > 0 ? FixedRequests + Uploads(rest) : 0);
    }

    private int Uploads(int records) => ((records - 1) / RecordsPerUpload) + 1;
}
