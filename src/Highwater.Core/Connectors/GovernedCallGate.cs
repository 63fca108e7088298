using System.Globalization;
using Highwater.Core.Governor;

namespace Highwater.Core.Connectors;

/// <summary>
/// The gate of one service account in the engine: every metered request waits for the
/// <see cref="RateGovernor"/> (but not through a spent day-long quota: that throws
/// <see cref="ServiceCallFailure.QuotaSpent"/>) and holds one of its concurrency slots until its answer is in; every
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

        // A spent day-long quota is not slept through: the call fails as the destination's, and its
        // rows wait in the outbox until the reset (or until the service answers again).
        var decision = await Governor.AcquireUnlessSpentAsync(1, cancellationToken).ConfigureAwait(false);
        if (!decision.IsGo)
        {
            var until = decision.Until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var message = decision.Window is { } window ? $"the quota of window '{window}' is spent until {until}" : $"the service asked to wait until {until}";
            throw new ServiceCallException(message, ServiceCallFailure.QuotaSpent)
            {
                RetryAt = decision.Until,
                Window = decision.Window,
            };
        }

        Tally.Count(tag);
        return new LeaseTicket(decision.Lease);
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
