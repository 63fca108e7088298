using System.Collections.Concurrent;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Tests.Transport;

/// <summary>A gate that records, in order, every ticket taken, every signal reported on one and every ticket returned.</summary>
internal sealed class RecordingCallGate : ICallGate
{
    private readonly ConcurrentQueue<string> _events = new();
    private int _tickets;

    /// <summary>"enter 1 lookup", "report 1 RetryAfter", "dispose 1", ...</summary>
    public IReadOnlyList<string> Events => [.. _events];

    public List<ServiceSignal> Signals { get; } = [];

    public ValueTask<ICallTicket> EnterAsync(CallTag tag, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _tickets);
        _events.Enqueue($"enter {n} {tag.Kind}");
        return ValueTask.FromResult<ICallTicket>(new Ticket(this, n));
    }

    private sealed class Ticket(RecordingCallGate gate, int n) : ICallTicket
    {
        private bool _disposed;

        public ValueTask ReportAsync(ServiceSignal signal, CancellationToken cancellationToken)
        {
            if (_disposed)
            {
                throw new InvalidOperationException($"a signal was reported on ticket {n} after it was returned");
            }

            lock (gate.Signals)
            {
                gate.Signals.Add(signal);
            }

            gate._events.Enqueue($"report {n} {signal.Kind}");
            return ValueTask.CompletedTask;
        }

        public void Dispose()
        {
            _disposed = true;
            gate._events.Enqueue($"dispose {n}");
        }
    }
}
