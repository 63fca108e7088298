using Highwater.Core.Model;

namespace Highwater.Engine.Execution;

/// <summary>The outcome of one export for one profile.</summary>
public sealed record ProfileResult
{
    /// <summary>The profile.</summary>
    public required string ProfileKey { get; init; }

    /// <summary>What happened.</summary>
    public required ProfileOutcome Outcome { get; init; }

    /// <summary>
    /// What is now confirmed exported: the new diff base. Null after a delete. For a failed profile
    /// it holds what did succeed (a remote id a create answered, memberships confirmed), so a
    /// retry neither repeats nor forgets it.
    /// </summary>
    public ExportedState? Exported { get; init; }

    /// <summary>For a failure: the call kind that failed (<c>create</c>, <c>listAdd</c>, ...).</summary>
    public string? FailedStep { get; init; }

    /// <summary>For a failure: the service's code, when it gave one.</summary>
    public string? Code { get; init; }

    /// <summary>For a failure or a skip: why, in words that name the record's problem.</summary>
    public string? Reason { get; init; }

    /// <summary>No call carrying this profile went to the service in this batch (the lookup failed, it was rejected or held back before its write, its turn never came): nothing of it changed remotely.</summary>
    public bool Unsent { get; init; }

    /// <summary>A write of the record was confirmed although the export did not finish: the record now carries the request's key.</summary>
    public bool Written { get; init; }

    /// <summary>
    /// A first export whose upsert found a record already there (someone else's, matched by the
    /// foreign key) where nothing said which lists it is in: its mapped lists beyond the profile's
    /// own are unknown, and another export has to take it out of them.
    /// </summary>
    public bool MembershipsUnknown { get; init; }
}
