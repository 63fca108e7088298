using Highwater.Core.Governor;

namespace Highwater.Core.Connectors;

/// <summary>
/// The gate of one service account in the engine: every metered request waits for the
/// <see cref="RateGovernor"/> and holds one of its concurrency slots until its answer is in; every
/// request is tallied. Signals go to the governor against the request's own lease.
/// </summary>
public sealed class GovernedCallGate(RateGovernor governor) : ICallGate
{
    /// <summary>The counts.</summary>
    public CallTally Tally { get; } = new();

    /// <summary>The governor the gate asks.</summary>
    public RateGovernor Governor { get; } = governor ?? throw new ArgumentNullException(nameof(governor));

    /// <inheritdoc />
    public async ValueTask<ICallTicket> EnterAsync(CallTag tag, CancellationToken cancellationToken)
    {
        if (!tag.Metered)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Tally.Count(tag);
            return new UnmeteredTicket(Governor);
        }

        var lease = await Governor.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        Tally.Count(tag);
        return new LeaseTicket(lease);
    }

    private sealed class LeaseTicket(GovernorLease lease) : ICallTicket
    {
        public ValueTask ReportAsync(ServiceSignal signal, CancellationToken cancellationToken) => lease.ReportAsync(signal, cancellationToken);

        public void Dispose() => lease.Dispose();
    }

    private sealed class UnmeteredTicket(RateGovernor governor) : ICallTicket
    {
        public ValueTask ReportAsync(ServiceSignal signal, CancellationToken cancellationToken) => governor.ReportAsync(signal, cancellationToken);

        public void Dispose()
        {
        }
    }
}
