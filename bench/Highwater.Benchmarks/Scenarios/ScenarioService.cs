using System.Globalization;
using Highwater.Connectors.Modules;
using Highwater.Core.Connectors;
using Highwater.Simulators.Modules;
using Microsoft.Extensions.Logging.Abstractions;

namespace Highwater.Benchmarks.Scenarios;

/// <summary>
/// What the runner needs of one service, from its two modules: its simulator, started with the
/// harness's daily quota, and its connector, built by the service module with the simulator's
/// credentials (or <c>HIGHWATER_&lt;SERVICE&gt;_&lt;KEY&gt;</c> when set: <c>HIGHWATER_MARKETO_CLIENT_ID</c>),
/// the settings it needs there and the scenario's own (Pardot's import campaign), and the
/// simulator's job poll interval.
/// </summary>
internal sealed class ScenarioService(IServiceModule connector, ISimulatorModule simulator)
{
    /// <summary>The service's name in scenario files.</summary>
    public string Name => connector.Kind;

    /// <summary>The simulator's module.</summary>
    public ISimulatorModule Simulator => simulator;

    /// <summary>The daily quota its simulator enforces in a scenario.</summary>
    public long SimulatorDailyQuota => simulator.Harness.DailyQuota;

    /// <summary>A connector against <paramref name="baseAddress"/>.</summary>
    public IServiceConnector CreateConnector(Uri baseAddress, ICallGate gate, TimeProvider timeProvider)
    {
        var harness = simulator.Harness;
        var texts = harness.Settings(baseAddress).Concat(harness.ScenarioSettings);
        var destination = new ServiceDestination
        {
            Name = connector.Kind,
            BaseUrl = baseAddress,
            BatchSize = 300,
            Settings = new ServiceSettings(texts.Select(s => KeyValuePair.Create(s.Key, Parse(connector.Settings.Single(d => d.Name == s.Key), s.Value)))),
            Credential = Credentials(Environment.GetEnvironmentVariable),
            JobPollInterval = harness.JobPollInterval,
        };
        return connector.Create(destination, new HttpClient(), gate, timeProvider, NullLoggerFactory.Instance);
    }

    /// <summary>
    /// The credentials: from <c>HIGHWATER_&lt;SERVICE&gt;_&lt;KEY&gt;</c> alone when any of the service's is
    /// set (a real account: its OAuth keys are not mixed with the simulator's token), else the
    /// simulator's; a key neither gives reads as empty, as the catalogue gives a key the service does
    /// not require.
    /// </summary>
    internal Func<string, string> Credentials(Func<string, string?> environment)
    {
        var harness = simulator.Harness;
        var fromEnvironment = connector.Credentials.Any(key => environment(Variable(connector.Kind, key)) is not null);
        return fromEnvironment
            ? key => environment(Variable(connector.Kind, key)) ?? ""
            : key => harness.Credentials.GetValueOrDefault(key, "");
    }

    /// <summary>The environment variable of a credential: <c>HIGHWATER_PARDOT_BUSINESS_UNIT_ID</c> for <c>businessUnitId</c>.</summary>
    internal static string Variable(string service, string key) => "HIGHWATER_" + service.ToUpperInvariant() + "_" + Snake(key);

    /// <summary><c>businessUnitId</c> as <c>BUSINESS_UNIT_ID</c>.</summary>
    internal static string Snake(string key) =>
        string.Concat(key.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + c : char.ToUpperInvariant(c).ToString()));

    private static object Parse(ServiceSetting setting, string text) => setting.Type switch
    {
        ServiceSettingType.Integer => long.Parse(text, CultureInfo.InvariantCulture),
        ServiceSettingType.Url => new Uri(text),
        _ => text.Split(',', StringSplitOptions.TrimEntries),
    };
}
