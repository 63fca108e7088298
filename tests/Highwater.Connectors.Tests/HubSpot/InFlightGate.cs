using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Tests.HubSpot;

/// <summary>
/// A gate around another that knows whether a request is on the wire (entered, not yet answered), so
/// a test moves its fake clock only while nothing is in flight: the governor and the simulator then
/// stamp every request with the same instant.
/// </summary>
internal sealed class InFlightGate(ICallGate inner) : ICallGate
{
    private int _inFlight;

    public bool Idle => Volatile.Read(ref _inFlight) == 0;

    public List<ServiceSignal> Signals { get; } = [];

    public async ValueTask<ICallTicket> EnterAsync(CallTag tag, CancellationToken cancellationToken)
    {
        var ticket = await inner.EnterAsync(tag, cancellationToken);
        Interlocked.Increment(ref _inFlight);
        return new Ticket(this, ticket);
    }

    private sealed class Ticket(InFlightGate gate, ICallTicket inner) : ICallTicket
    {
        public ValueTask ReportAsync(ServiceSignal signal, CancellationToken cancellationToken)
        {
            lock (gate.Signals)
            {
                gate.Signals.Add(signal);
            }

            return inner.ReportAsync(signal, cancellationToken);
        }

        public void Dispose()
        {
            inner.Dispose();
            Interlocked.Decrement(ref gate._inFlight);
        }
    }
}
