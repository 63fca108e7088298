using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Benchmarks.Scenarios;

/// <summary>Passes every request to the real gate and counts the rate-limit answers the connector reports.</summary>
internal sealed class SignalCountingGate(ICallGate inner) : ICallGate
{
    private int _rateLimitErrors;

    public int RateLimitErrors => Volatile.Read(ref _rateLimitErrors);

    public async ValueTask<ICallTicket> EnterAsync(CallTag tag, CancellationToken cancellationToken) =>
        new Ticket(this, await inner.EnterAsync(tag, cancellationToken).ConfigureAwait(false));

    private sealed class Ticket(SignalCountingGate gate, ICallTicket inner) : ICallTicket
    {
        public ValueTask ReportAsync(ServiceSignal signal, CancellationToken cancellationToken)
        {
            if (signal.Kind is ServiceSignalKind.RateWindowExceeded or ServiceSignalKind.QuotaReached or ServiceSignalKind.TooManyConcurrent or ServiceSignalKind.RetryAfter)
            {
                Interlocked.Increment(ref gate._rateLimitErrors);
            }

            return inner.ReportAsync(signal, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }
}
