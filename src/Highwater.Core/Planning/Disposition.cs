namespace Highwater.Core.Planning;

/// <summary>What the plan does with one profile of the batch.</summary>
public enum Disposition
{
    /// <summary>Nothing the destination maps changed: no call at all.</summary>
    Unchanged,

    /// <summary>Written (created, updated or upserted), memberships included.</summary>
    Written,

    /// <summary>Only its memberships change.</summary>
    MembershipsOnly,

    /// <summary>Deleted remotely.</summary>
    Deleted,

    /// <summary>To be deleted, but not found remotely: nothing to do.</summary>
    AlreadyAbsent,

    /// <summary>To be deleted, but the sync mode may not delete: taken out of its lists instead.</summary>
    RemovedFromLists,

    /// <summary>Not found remotely and the sync mode may not create it.</summary>
    NotCreated,

    /// <summary>Held back for the next batch (it shares a foreign key with another profile here).</summary>
    Deferred,

    /// <summary>
    /// Its foreign key is held by a record it does not own (another profile's, or one that exists
    /// only in the service): rejected, and its own record left as it was.
    /// </summary>
    Conflict,
}
