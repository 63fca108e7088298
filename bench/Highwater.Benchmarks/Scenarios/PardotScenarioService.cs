using Highwater.Connectors.Pardot;
using Highwater.Core.Connectors;
using Highwater.Simulators.Pardot;

namespace Highwater.Benchmarks.Scenarios;

/// <summary>
/// Pardot (Account Engagement): the simulator with the real limits (5 in flight, the Growth
/// edition's 25,000 calls a day) and import jobs that wait a second and run a second; the connector
/// with the simulator's credentials and business unit (or <c>HIGHWATER_PARDOT_CLIENT_ID</c>,
/// <c>_CLIENT_SECRET</c>, <c>_BUSINESS_UNIT_ID</c> when set), importing into the simulator's default
/// campaign and reading a running import every second.
/// </summary>
internal sealed class PardotScenarioService : IScenarioService
{
    public string Name => "pardot";

    public IServiceConnector CreateConnector(Uri baseAddress, ICallGate gate, TimeProvider timeProvider)
    {
        var defaults = new PardotSimulatorOptions();
        var options = new PardotConnectorOptions
        {
            LoginUrl = baseAddress,
            ApiBaseAddress = baseAddress,
            ClientId = Environment.GetEnvironmentVariable("HIGHWATER_PARDOT_CLIENT_ID") ?? defaults.ClientId,
            ClientSecret = Environment.GetEnvironmentVariable("HIGHWATER_PARDOT_CLIENT_SECRET") ?? defaults.ClientSecret,
            BusinessUnitId = Environment.GetEnvironmentVariable("HIGHWATER_PARDOT_BUSINESS_UNIT_ID") ?? defaults.BusinessUnitId,
            ImportCampaignId = defaults.DefaultCampaignId,
            ImportPollInterval = TimeSpan.FromSeconds(1),
        };
        return new PardotConnector(new HttpClient(), options, gate, timeProvider);
    }
}
