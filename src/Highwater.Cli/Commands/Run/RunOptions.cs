namespace Highwater.Cli.Commands.Run;

/// <summary>How <c>highwater run</c> runs: where it serves metrics, how it waits, how it stops.</summary>
internal sealed class RunOptions
{
    /// <summary>Where Prometheus scrapes <c>/metrics</c> (e.g. <c>http://127.0.0.1:9464/</c>); none: no metrics served.</summary>
    public IReadOnlyList<Uri> MetricsUrls { get; init; } = [];

    /// <summary>After a stop is asked, how long a batch in flight may take to finish before it is abandoned (its unsettled rows go back to the outbox).</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How often the outbox depth and quota gauges are refreshed besides after each batch and poll.</summary>
    public TimeSpan GaugeInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often time-dependent groups are re-evaluated (once at start, then at this interval).</summary>
    public TimeSpan GroupRefreshInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The longest an export loop sleeps before it asks its scheduler again, even with no change arriving.</summary>
    public TimeSpan LongestWait { get; init; } = TimeSpan.FromMinutes(1);
}
