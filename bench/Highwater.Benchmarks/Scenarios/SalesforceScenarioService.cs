using Highwater.Connectors.Salesforce;
using Highwater.Core.Connectors;
using Highwater.Simulators.Salesforce;

namespace Highwater.Benchmarks.Scenarios;

/// <summary>
/// Salesforce: the simulator with the real limits (the org's daily allocation, 200-record
/// collections); the connector with the simulator's credentials, or
/// <c>HIGHWATER_SALESFORCE_CLIENT_ID</c> and <c>HIGHWATER_SALESFORCE_CLIENT_SECRET</c> when set.
/// </summary>
internal sealed class SalesforceScenarioService : IScenarioService
{
    public string Name => "salesforce";

    public IServiceConnector CreateConnector(Uri baseAddress, ICallGate gate, TimeProvider timeProvider)
    {
        var options = new SalesforceConnectorOptions
        {
            LoginUrl = baseAddress,
            ClientId = Environment.GetEnvironmentVariable("HIGHWATER_SALESFORCE_CLIENT_ID") ?? new SalesforceSimulatorOptions().ClientId,
            ClientSecret = Environment.GetEnvironmentVariable("HIGHWATER_SALESFORCE_CLIENT_SECRET") ?? new SalesforceSimulatorOptions().ClientSecret,
        };
        return new SalesforceConnector(new HttpClient(), options, gate, timeProvider);
    }
}
