using System.Text.Json;
using Highwater.Core.Governor;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Storage;
using Highwater.Storage.DeadLetters;
using Highwater.Storage.Ingest;

namespace Highwater.Cli.Commands.Status;

/// <summary>Reads what <c>status</c> reports from the buffer alone: nothing is written and no service is called.</summary>
internal static class StatusReader
{
    /// <summary>Shared keys listed per destination; status says when there are more.</summary>
    public const int MaxSharedKeys = 20;

    public static async Task<StatusJson> ReadAsync(string path, HighwaterConfig config, IBufferStore store, bool exists, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sources = new List<StatusJsonSource>();
        foreach (var name in config.Sources.Keys)
        {
            var state = await store.Sources.GetAsync(name, cancellationToken);
            sources.Add(new StatusJsonSource(name, state?.Mark?.Mark, state?.Mark?.Key, state?.LastPolledAt, state?.Rows ?? 0, Sources.Polling.MarkHealthText.Lines(state?.Health, name)));
        }

        var quotas = new QuotaView(config, store, time);
        var destinations = new List<StatusJsonDestination>();
        foreach (var destination in config.Destinations.Values)
        {
            destinations.Add(await DestinationAsync(destination, store, quotas, now, cancellationToken));
        }

        var location = config.Store.Kind == "sqlite" ? config.Store.Connection.Resolve() : config.Store.Connection.ToString();
        return new StatusJson(path, now, new StatusJsonStore(config.Store.Kind, location, exists), sources, destinations);
    }

    private static async Task<StatusJsonDestination> DestinationAsync(DestinationConfig destination, IBufferStore store, QuotaView quotas, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = destination.Name;
        var live = await store.Outbox.DepthAsync(name, OutboxLane.Live, cancellationToken);
        var backfill = await store.Outbox.DepthAsync(name, OutboxLane.Backfill, cancellationToken);
        var oldest = new[] { live.OldestWaitingSince, backfill.OldestWaitingSince }.Where(t => t is not null).Min();
        var outbox = new StatusJsonOutbox(live.Waiting, backfill.Waiting, live.Waiting + backfill.Waiting, oldest, oldest is { } since ? (now - since).TotalSeconds : null);

        var state = await store.Destinations.GetAsync(name, cancellationToken);
        var last = state?.LastRun is { } json ? JsonSerializer.Deserialize<LastRun>(json, LastRun.Json) : null;
        var forecast = await quotas.ForecastAsync(name, cancellationToken);
        var zone = quotas.Governor(name).Policy.Windows.OfType<CalendarWindow>().FirstOrDefault(w => w.Name == forecast.QuotaWindow)?.TimeZone ?? TimeZoneInfo.Utc;
        StatusJsonQuota? quota = null;
        if (forecast.QuotaWindow is { } window && forecast.Reset is { } reset)
        {
            // The last run's forecast holds only while its day lasts.
            var runsOut = last?.RunsOutAt is { } at && at > now && at < reset ? at : (DateTimeOffset?)null;
            quota = new StatusJsonQuota(window, forecast.Limit, forecast.Reserve, forecast.Used, forecast.Left, reset, zone.Id, runsOut);
        }

        var inForce = last?.Window is { } lastWindow
            ? new StatusJsonWindow(lastWindow.TotalSeconds, last.WindowReason ?? "", "lastRun", last.CallsPerChange, last.Forecast ?? "")
            : new StatusJsonWindow(forecast.Window.TotalSeconds, forecast.WindowReason.ToString(), "configured", null, forecast.Reason);
        var lastRun = last is null ? null : new StatusJsonLastRun(state?.LastRunAt, last.Batches, last.Exported, last.Deleted, last.RetryLater, last.Failed, last.Calls, last.RateLimitErrors, last.Held, last.FirstFailure, last.MetadataCalls, last.FailingSince, last.Failure);
        var deadLetters = (await store.DeadLetters.ListAsync(new DeadLetterFilter(Destination: name), int.MaxValue, cancellationToken)).Count;
        var adopted = state?.AdoptedLists is { } lists ? lists.Split('|', StringSplitOptions.RemoveEmptyEntries) : null;

        // Ownership: profiles rejected because another record holds their key, and the keys the
        // source itself gives to several live profiles.
        var conflicts = (await store.DeadLetters.ListAsync(new DeadLetterFilter(name, $"{destination.ForeignKey} "), int.MaxValue, cancellationToken))
            .Count(letter => letter.Reason.Contains(" is held by ", StringComparison.Ordinal));
        var shared = (await store.Profiles.SharedKeysAsync(destination.ForeignKey, MaxSharedKeys, cancellationToken))
            .Select(key => new StatusJsonSharedKey(key.Value, key.ProfileKeys))
            .ToList();
        return new StatusJsonDestination(name, destination.Kind, destination.Account, outbox, quota, inForce, lastRun, deadLetters, adopted, state?.AdoptedAt, conflicts, shared);
    }
}
