namespace Highwater.Storage.ExportLog;

/// <summary>How one export attempt of one record ended.</summary>
public enum ExportOutcome
{
    /// <summary>Written (created, updated, memberships changed).</summary>
    Exported,

    /// <summary>Deleted remotely.</summary>
    Deleted,

    /// <summary>Nothing to do.</summary>
    Skipped,

    /// <summary>Failed for now; will be retried.</summary>
    RetryLater,

    /// <summary>The service rejected the record; the reason says why.</summary>
    Rejected,
}
