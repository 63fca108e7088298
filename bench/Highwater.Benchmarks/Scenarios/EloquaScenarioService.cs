using Highwater.Connectors.Eloqua;
using Highwater.Core.Connectors;
using Highwater.Simulators.Eloqua;

namespace Highwater.Benchmarks.Scenarios;

/// <summary>
/// Eloqua: the simulator with the real bulk limits and the seed's contract of 2,000 calls a day;
/// the connector with the simulator's login, or <c>HIGHWATER_ELOQUA_COMPANY</c>,
/// <c>HIGHWATER_ELOQUA_USERNAME</c> and <c>HIGHWATER_ELOQUA_PASSWORD</c> when set. Syncs are
/// polled every 10 ms (at most 50 ms apart) so a scenario runs in well under a second of waiting.
/// </summary>
internal sealed class EloquaScenarioService : IScenarioService
{
    public string Name => "eloqua";

    public long? SimulatorDailyQuota => 2_000;

    public IServiceConnector CreateConnector(Uri baseAddress, ICallGate gate, TimeProvider timeProvider)
    {
        var defaults = new EloquaSimulatorOptions();
        var options = new EloquaConnectorOptions
        {
            LoginUrl = baseAddress,
            Company = Environment.GetEnvironmentVariable("HIGHWATER_ELOQUA_COMPANY") ?? defaults.Company,
            Username = Environment.GetEnvironmentVariable("HIGHWATER_ELOQUA_USERNAME") ?? defaults.Username,
            Password = Environment.GetEnvironmentVariable("HIGHWATER_ELOQUA_PASSWORD") ?? defaults.Password,
            PollInterval = TimeSpan.FromMilliseconds(10),
            MaxPollInterval = TimeSpan.FromMilliseconds(50),
        };
        return new EloquaConnector(new HttpClient(), options, gate, timeProvider);
    }
}
