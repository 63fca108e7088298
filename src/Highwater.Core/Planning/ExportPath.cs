namespace Highwater.Core.Planning;

/// <summary>How a batch's writes travel.</summary>
public enum ExportPath
{
    /// <summary>Lookups and synchronous batch calls (Pardot's <c>batchUpsert</c>).</summary>
    Batch,

    /// <summary>An asynchronous bulk upsert job by foreign key (Pardot's Import API), without lookups.</summary>
    Bulk,
}
