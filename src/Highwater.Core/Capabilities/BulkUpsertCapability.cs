namespace Highwater.Core.Capabilities;

/// <summary>
/// An asynchronous bulk upsert matched by foreign key (Pardot's Import API): one job per planned
/// call, made of several requests (create the job, upload its records in parts, start it, poll it
/// until it is done). It needs no lookup, carries memberships inline and answers no remote ids.
/// </summary>
/// <param name="MinRecords">The fewest records worth a job: a job takes minutes, so below this the batch path is used even where it costs more.</param>
/// <param name="MaxRecords">Most records one job may carry.</param>
/// <param name="RecordsPerUpload">Records one upload request carries.</param>
/// <param name="FixedRequests">Requests every job costs besides its uploads: creating and starting it, and the polls expected.</param>
public readonly record struct BulkUpsertCapability(int MinRecords, int MaxRecords, int RecordsPerUpload, int FixedRequests)
{
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
