using Highwater.Core.Governor;

namespace Highwater.Core.Connectors;

/// <summary>
/// Counts the requests of one destination on their way to a gate that several destinations may
/// share (one governor per service account): the shared gate pays, this one says who spent what.
/// </summary>
public sealed class CountingCallGate(ICallGate inner) : ICallGate
{
    private readonly ICallGate _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private long _rateLimited;

    /// <summary>Requests made through this gate, by kind.</summary>
    public CallTally Tally { get; } = new();

    /// <summary>Answers that said a rate, quota or concurrency limit was hit, or asked to retry later (should stay 0: the governor exists to avoid them).</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <inheritdoc />
    public async ValueTask<ICallTicket> EnterAsync(CallTag tag, CancellationToken cancellationToken)
    {
        var ticket = await _inner.EnterAsync(tag, cancellationToken).ConfigureAwait(false);
        Tally.Count(tag);
        return new Ticket(this, ticket);
    }

    private sealed class Ticket(CountingCallGate gate, ICallTicket inner) : ICallTicket
    {
        public ValueTask ReportAsync(ServiceSignal signal, CancellationToken cancellationToken)
        {
            if (signal.Kind is not ServiceSignalKind.UsageReported)
            {
                Interlocked.Increment(ref gate._rateLimited);
            }

            return inner.ReportAsync(signal, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }
}
