namespace Highwater.Engine.Execution;

/// <summary>What one export did for one profile.</summary>
public enum ProfileOutcome
{
    /// <summary>The remote record now matches the profile (written, or already equal).</summary>
    Exported,

    /// <summary>The remote record is gone (deleted now, or found absent).</summary>
    Deleted,

    /// <summary>Nothing to do and nothing done: the destination's sync mode forbids it (enrich creates nothing; a delete the mode may not make found no list to leave).</summary>
    Skipped,

    /// <summary>Held back: it shares a foreign key with another profile of the batch. It goes in a later batch.</summary>
    Deferred,

    /// <summary>A call failed or the service asked to try later: export it again.</summary>
    RetryLater,

    /// <summary>The service refused the record; it will refuse it again until the data changes.</summary>
    Rejected,
}
