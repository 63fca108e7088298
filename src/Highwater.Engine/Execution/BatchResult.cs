using Highwater.Core.Planning;

namespace Highwater.Engine.Execution;

/// <summary>The outcome of exporting one batch.</summary>
public sealed record BatchResult
{
    /// <summary>The plan as it ran (its lookup answered by the service).</summary>
    public required Plan Plan { get; init; }

    /// <summary>One result per profile of the batch, deferred ones included, in the batch's order.</summary>
    public required IReadOnlyList<ProfileResult> Profiles { get; init; }

    /// <summary>Calls that failed as a whole after every retry.</summary>
    public required int FailedCalls { get; init; }

    /// <summary>Profiles with the given outcome.</summary>
    public int Count(ProfileOutcome outcome) => Profiles.Count(p => p.Outcome == outcome);
}
