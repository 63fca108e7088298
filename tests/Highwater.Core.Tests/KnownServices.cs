using Highwater.Connectors.Eloqua;
using Highwater.Connectors.Marketo;
using Highwater.Connectors.Pardot;
using Highwater.Connectors.Salesforce;
using Highwater.Core.Capabilities;

namespace Highwater.Core.Tests;

/// <summary>
/// The seed services' capabilities, as their service modules state them, under the short names the
/// planner, costing and budget tests plan with: each test runs on a real service's numbers.
/// </summary>
internal static class KnownServices
{
    public static ServiceCapabilities Marketo => MarketoService.Capabilities;

    public static ServiceCapabilities Salesforce => SalesforceService.Capabilities;

    public static ServiceCapabilities Pardot => PardotService.Capabilities;

    public static ServiceCapabilities Eloqua => EloquaService.Capabilities;
}
