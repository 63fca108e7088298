namespace Highwater.Core.Governor;

/// <summary>
/// Permission to make calls the governor has already counted. It holds one concurrency slot until
/// disposed: dispose it when the calls end, whatever their outcome. Calls reserved and not made are
/// not refunded. A caller making calls in parallel acquires one lease per parallel call.
/// </summary>
public sealed class GovernorLease : IDisposable
{
    private readonly RateGovernor _governor;
    private int _released;

    internal GovernorLease(RateGovernor governor, int calls, DateTimeOffset acquiredAt, int concurrent)
    {
        _governor = governor;
        Calls = calls;
        AcquiredAt = acquiredAt;
        Concurrent = concurrent;
    }

    /// <summary>The calls counted for this lease.</summary>
    public int Calls { get; }

    /// <summary>When the calls were counted.</summary>
    public DateTimeOffset AcquiredAt { get; }

    /// <summary>Calls in flight when this one was granted, itself included: a "too many concurrent" answer to it means the service had room for fewer.</summary>
    internal int Concurrent { get; }

    /// <summary>Tells the governor what the service said about a call made under this lease.</summary>
    public ValueTask ReportAsync(ServiceSignal signal, CancellationToken cancellationToken) => _governor.ReportAsync(signal, this, cancellationToken);

    /// <summary>Releases the concurrency slot. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _governor.Release();
        }
    }
}
