using Highwater.Core.Governor;
using Highwater.Core.Scheduling;
using Highwater.Engine.Configuration;
using Highwater.Storage;
using Highwater.Storage.RateLedger;

namespace Highwater.Engine.Running;

/// <summary>
/// Each destination's quota as the buffer's rate ledger holds it, read through a governor of its
/// account and a scheduler of its own, as the engine builds them, but with no connector: nothing
/// is called and nothing is spent. <c>status</c> reads the day with it.
/// </summary>
/// <remarks>
/// The scheduler here is new, so its window is the configured one and it has costed no batch:
/// the window a running worker adapted, and its cost per change, are in that worker's last run.
/// </remarks>
public sealed class QuotaView
{
    private readonly Dictionary<string, (RateGovernor Governor, BatchScheduler Scheduler)> _destinations = new(StringComparer.Ordinal);

    /// <summary>Builds the governors and schedulers of <paramref name="config"/>'s destinations over <paramref name="store"/>'s ledger.</summary>
    public QuotaView(HighwaterConfig config, IBufferStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        var ledger = new StoreQuotaLedger(store.RateLedger);
        var governors = new Dictionary<(string, string), RateGovernor>();
        foreach (var destination in config.Destinations.Values)
        {
            var account = (destination.Kind, destination.Account);
            if (!governors.TryGetValue(account, out var governor))
            {
                governors[account] = governor = new RateGovernor(new RatePolicy(ConnectorCatalog.Policy(destination)), ledger, time);
            }

            _destinations[destination.Name] = (governor, new BatchScheduler(destination.Name, HighwaterEngine.SchedulerOptionsFor(destination), governor, time));
        }
    }

    /// <summary>The governor of the destination's account.</summary>
    public RateGovernor Governor(string destination) => _destinations[destination].Governor;

    /// <summary>The day's forecast for the destination: the quota used, left and its reset, from the ledger.</summary>
    public ValueTask<DayForecast> ForecastAsync(string destination, CancellationToken cancellationToken) =>
        _destinations[destination].Scheduler.ForecastAsync(cancellationToken);
}
