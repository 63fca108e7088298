namespace Highwater.Benchmarks.Day;

/// <summary>The simulated day's figures, printed as one JSON line.</summary>
/// <param name="Service">The service simulated.</param>
/// <param name="ChangesPerMinute">Changes arriving a minute, on average over the day.</param>
/// <param name="Calls">Calls made to the service in the day.</param>
/// <param name="Quota">The service's daily quota.</param>
/// <param name="Reserve">The share of it left for other integrations.</param>
/// <param name="Rejections">Calls the service refused (606, 607, 615).</param>
/// <param name="Utilization">Calls ÷ (quota − reserve).</param>
/// <param name="P50LatencySeconds">Median time from a change's arrival to the end of the export that carried it.</param>
/// <param name="P95LatencySeconds">The 95th percentile of the same.</param>
internal sealed record DayResult(string Service, double ChangesPerMinute, long Calls, long Quota, long Reserve, long Rejections, double Utilization, double P50LatencySeconds, double P95LatencySeconds);
