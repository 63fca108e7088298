using Highwater.Core.Connectors;

namespace Highwater.Connectors.Salesforce;

/// <summary>One record's result in an sObject Collections answer.</summary>
/// <param name="Id">The record's id (absent on a failure).</param>
/// <param name="Success">Whether it was applied.</param>
/// <param name="Code">The first error's <c>statusCode</c>.</param>
/// <param name="Message">The first error's message.</param>
internal sealed record SaveOutcome(string? Id, bool Success, string? Code, string? Message)
{
    /// <summary>
    /// Codes of errors that pass by themselves: a row lock held by another transaction, a rollback
    /// caused by another record, an internal error. Every other error is the record's own.
    /// </summary>
    private static readonly HashSet<string> Passing = new(StringComparer.Ordinal)
    {
        "UNABLE_TO_LOCK_ROW",
        "ALL_OR_NONE_OPERATION_ROLLED_BACK",
        "UNKNOWN_EXCEPTION",
        "REQUEST_RUNNING_TOO_LONG",
        "SERVER_UNAVAILABLE",
    };

    /// <summary>The record's outcome: done, retry later for a passing error, rejected otherwise.</summary>
    public RecordOutcome ToOutcome(string profileKey, string? remoteId = null)
    {
        if (Success)
        {
            return RecordOutcome.Done(profileKey, Id ?? remoteId);
        }

        var reason = Message ?? Code ?? "rejected without a reason";
        return Code is not null && Passing.Contains(Code)
            ? RecordOutcome.RetryLater(profileKey, Code, reason)
            : RecordOutcome.Rejected(profileKey, Code, reason);
    }
}
