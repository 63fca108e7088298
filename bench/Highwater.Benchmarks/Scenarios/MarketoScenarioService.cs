using Highwater.Connectors.Marketo;
using Highwater.Core.Connectors;
using Highwater.Simulators.Marketo;

namespace Highwater.Benchmarks.Scenarios;

/// <summary>
/// Marketo: the simulator with the real limits; the connector with the simulator's credentials,
/// or <c>HIGHWATER_MARKETO_CLIENT_ID</c> and <c>HIGHWATER_MARKETO_CLIENT_SECRET</c> when set.
/// </summary>
internal sealed class MarketoScenarioService : IScenarioService
{
    public string Name => "marketo";

    public IServiceConnector CreateConnector(Uri baseAddress, ICallGate gate, TimeProvider timeProvider)
    {
        var options = new MarketoConnectorOptions
        {
            BaseAddress = baseAddress,
            ClientId = Environment.GetEnvironmentVariable("HIGHWATER_MARKETO_CLIENT_ID") ?? new MarketoSimulatorOptions().ClientId,
            ClientSecret = Environment.GetEnvironmentVariable("HIGHWATER_MARKETO_CLIENT_SECRET") ?? new MarketoSimulatorOptions().ClientSecret,
        };
        return new MarketoConnector(new HttpClient(), options, gate, timeProvider);
    }
}
