namespace Highwater.Core.Connectors;

/// <summary>The fate of one record of one call.</summary>
public enum RecordStatus
{
    /// <summary>Applied.</summary>
    Done,

    /// <summary>Not applied; worth trying again later.</summary>
    RetryLater,

    /// <summary>Refused by the service; trying again without a change will not help.</summary>
    Rejected,
}
