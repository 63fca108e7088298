using Highwater.Core.Governor;

namespace Highwater.Core.Connectors;

/// <summary>A gate that never waits and only counts: for tests and tools that run without a governor.</summary>
public sealed class TallyingCallGate : ICallGate
{
    /// <summary>The counts.</summary>
    public CallTally Tally { get; } = new();

    /// <summary>Signals reported through this gate, in order.</summary>
    public IReadOnlyList<ServiceSignal> Signals
    {
        get
        {
            lock (_signals)
            {
                return [.. _signals];
            }
        }
    }

    private readonly List<ServiceSignal> _signals = [];

    /// <inheritdoc />
    public ValueTask<ICallTicket> EnterAsync(CallTag tag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Tally.Count(tag);
        return ValueTask.FromResult<ICallTicket>(new Ticket(this));
    }

    private sealed class Ticket(TallyingCallGate gate) : ICallTicket
    {
        public ValueTask ReportAsync(ServiceSignal signal, CancellationToken cancellationToken)
        {
            lock (gate._signals)
            {
                gate._signals.Add(signal);
            }

            return ValueTask.CompletedTask;
        }

        public void Dispose()
        {
        }
    }
}
