using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Highwater.Sources.Polling;

namespace Highwater.Engine.Running;

/// <summary>
/// The engine's metrics, on the <c>Highwater</c> meter (OpenTelemetry reads it): calls by service
/// and step, rate-limit errors, records by outcome, export latency, rows polled; and gauges of
/// outbox depth and quota used and left, from the last values the engine observed.
/// </summary>
public static class EngineMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Highwater";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> CallsCounter = Meter.CreateCounter<long>("highwater.calls", "{call}", "API calls made, by service, destination and step");
    private static readonly Counter<long> RateLimitCounter = Meter.CreateCounter<long>("highwater.rate_limit_errors", "{error}", "Rate or quota errors services answered (the governor keeps this at 0)");
    private static readonly Counter<long> RecordsCounter = Meter.CreateCounter<long>("highwater.records", "{record}", "Profiles exported, deleted, rejected, retried, by destination");
    private static readonly Histogram<double> LatencyHistogram = Meter.CreateHistogram<double>("highwater.export.latency", "s", "From a change reaching the buffer to its export");
    private static readonly Counter<long> RowsPolledCounter = Meter.CreateCounter<long>("highwater.rows.polled", "{row}", "Source rows read by polls");
    private static readonly ConcurrentDictionary<string, long> OutboxDepths = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string Destination, string Window), (long Used, long Left)> Quotas = new();

    static EngineMetrics()
    {
        Meter.CreateObservableGauge("highwater.outbox.depth", () => OutboxDepths.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("destination", p.Key))), "{row}", "Rows waiting in the outbox, by destination");
        Meter.CreateObservableGauge("highwater.quota.used", () => Quotas.Select(p => new Measurement<long>(p.Value.Used, Tags(p.Key))), "{call}", "Calls used in the quota window");
        Meter.CreateObservableGauge("highwater.quota.left", () => Quotas.Select(p => new Measurement<long>(p.Value.Left, Tags(p.Key))), "{call}", "Calls left in the quota window, beyond the reserve");
    }

    internal static void Batch(DestinationRuntime destination, BatchReport report)
    {
        var service = destination.Config.Kind;
        foreach (var (kind, count) in report.Calls)
        {
            CallsCounter.Add(count, new TagList { { "service", service }, { "destination", destination.Name }, { "step", kind } });
        }

        if (report.MetadataCalls > 0)
        {
            CallsCounter.Add(report.MetadataCalls, new TagList { { "service", service }, { "destination", destination.Name }, { "step", "metadata" } });
        }

        if (report.RateLimitErrors > 0)
        {
            RateLimitCounter.Add(report.RateLimitErrors, new TagList { { "service", service }, { "destination", destination.Name } });
        }

        Record(destination.Name, "exported", report.Exported);
        Record(destination.Name, "deleted", report.Deleted);
        Record(destination.Name, "skipped", report.Skipped);
        Record(destination.Name, "retry_later", report.RetryLater);
        Record(destination.Name, "rejected", report.Rejected + report.GaveUp);
    }

    internal static void Latency(string destination, TimeSpan latency) =>
        LatencyHistogram.Record(Math.Max(0, latency.TotalSeconds), new KeyValuePair<string, object?>("destination", destination));

    internal static void Polled(PollReport report) =>
        RowsPolledCounter.Add(report.RowsRead, new KeyValuePair<string, object?>("source", report.Source));

    internal static void Depth(string destination, long waiting) => OutboxDepths[destination] = waiting;

    internal static void Quota(string destination, string window, long used, long left) => Quotas[(destination, window)] = (used, left);

    private static void Record(string destination, string outcome, long count)
    {
        if (count > 0)
        {
            RecordsCounter.Add(count, new TagList { { "destination", destination }, { "outcome", outcome } });
        }
    }

    private static KeyValuePair<string, object?>[] Tags((string Destination, string Window) key) =>
        [new("destination", key.Destination), new("window", key.Window)];
}
