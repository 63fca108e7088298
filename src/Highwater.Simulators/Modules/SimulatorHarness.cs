using System.Globalization;

namespace Highwater.Simulators.Modules;

/// <summary>
/// What the harnesses (<c>demo</c>, the scenario runner, the history simulator) need to know of a
/// service to drive it through its simulator and its connector, so that none of them names a
/// service: its name for people, the names of its fields, the quota and connector settings a
/// harness starts it with, and the ids its records have. Everything else a harness does goes
/// through the <c>/_sim/</c> admin endpoints, the same for every simulator (docs/simulators.md).
/// </summary>
public sealed record SimulatorHarness
{
    /// <summary>The service's name in a sentence: <c>Marketo</c>.</summary>
    public required string Title { get; init; }

    /// <summary>The simulator's limits as <c>demo</c> prints them: <c>100 calls / 20 s, 10 at once, 50,000 a day; batches of 300</c>.</summary>
    public required string Limits { get; init; }

    /// <summary>The service's names for the fields harnesses map.</summary>
    public required SimulatorFields Fields { get; init; }

    /// <summary>
    /// The daily call allowance harnesses start the simulator with (<see cref="SimulatorStart.DailyQuota"/>):
    /// the service's default, or a contract's where the service publishes none (Eloqua: the seed's 2,000).
    /// </summary>
    public required long DailyQuota { get; init; }

    /// <summary>The credentials the simulator accepts unless started otherwise, by the connector's credential keys.</summary>
    public required IReadOnlyDictionary<string, string> Credentials { get; init; }

    /// <summary>
    /// The destination settings, beyond <c>baseUrl</c>, a connector needs to reach a simulator at
    /// the given address, as a configuration file writes them (Marketo's <c>listFolder</c>, Pardot's
    /// <c>loginUrl</c>); the same as <see cref="RunningSimulator.Settings"/>.
    /// </summary>
    public Func<Uri, IReadOnlyDictionary<string, string>> Settings { get; init; } = _ => new Dictionary<string, string>();

    /// <summary>Settings the scenario runner adds to <see cref="Settings"/> (Pardot's <c>importCampaignId</c>, the simulator's default campaign).</summary>
    public IReadOnlyDictionary<string, string> ScenarioSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// How soon a connector reads a job the simulator runs (a Pardot import, an Eloqua bulk sync)
    /// again when a scenario drives it; null for the connector's default.
    /// </summary>
    public TimeSpan? JobPollInterval { get; init; }

    /// <summary>
    /// The account's time zone the simulator's day resets in, where the service's day is the
    /// account's own (HubSpot's midnight); a harness that models a configured account passes it as
    /// the destination's <c>limits.timeZone</c>. Null where the service fixes its zone or rolls its day.
    /// </summary>
    public string? TimeZone { get; init; }

    /// <summary>The id of the <c>n</c>th record (from 0) a scenario seeds, in the service's format: <c>5000</c>, <c>0035g00000000011AAA</c>.</summary>
    public Func<int, string> RecordId { get; init; } = n => (5000 + n).ToString(CultureInfo.InvariantCulture);
}
