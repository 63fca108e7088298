namespace Highwater.Core.Planning;

/// <summary>How a profile's record gets written, which decides the calls that may carry it.</summary>
internal enum WriteRoute
{
    /// <summary>No write.</summary>
    None,

    /// <summary>Exists and its foreign key changes: addressed by remote id (update, or an upsert that takes ids).</summary>
    ById,

    /// <summary>Exists: update or upsert.</summary>
    Existing,

    /// <summary>Known to be absent: create or upsert.</summary>
    Absent,

    /// <summary>Not looked up: upsert by foreign key.</summary>
    Unresolved,

    /// <summary>In the batch's bulk upsert job, by foreign key, with every field.</summary>
    Bulk,
}
