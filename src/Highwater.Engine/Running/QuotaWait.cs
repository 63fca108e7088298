using System.Globalization;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Engine.Running;

/// <summary>How a spent day-long quota comes back, in the words <c>sync</c>, <c>run</c> and <c>status</c> use.</summary>
internal static class QuotaWait
{
    /// <summary>
    /// <c>reset, America/Chicago</c> for a calendar day; <c>rolling 24 h</c> for a rolling window.
    /// <paramref name="window"/> names the spent window; null means the policy's longest.
    /// </summary>
    public static string Describe(RatePolicy policy, string? window)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var spent = window is null ? policy.Windows.MaxBy(w => w.NominalLength)! : policy.Windows.FirstOrDefault(w => w.Name == window) ?? policy.Windows.MaxBy(w => w.NominalLength)!;
        return spent switch
        {
            CalendarWindow calendar => $"reset, {calendar.TimeZone.Id}",
            _ => string.Create(CultureInfo.InvariantCulture, $"rolling {spent.NominalLength.TotalHours:0.#} h"),
        };
    }

    /// <summary>How the quota a <see cref="ServiceCallFailure.QuotaSpent"/> failure names comes back.</summary>
    public static string Of(RatePolicy policy, ServiceCallException spent)
    {
        ArgumentNullException.ThrowIfNull(spent);
        return spent.Window is null ? "the service's Retry-After" : Describe(policy, spent.Window);
    }

    /// <summary>An instant as the messages print it: <c>2026-12-07T06:00:00Z</c>.</summary>
    public static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
