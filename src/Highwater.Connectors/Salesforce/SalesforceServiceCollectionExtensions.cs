using Highwater.Core.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Highwater.Connectors.Salesforce;

/// <summary>Registers the Salesforce connector as a typed <see cref="HttpClient"/> client.</summary>
public static class SalesforceServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SalesforceConnector"/> with its options; the container must also hold the
    /// account's <see cref="ICallGate"/> (and may hold a <see cref="TimeProvider"/>). The connector
    /// keeps the session and campaign ids: resolve it once per org and run and keep it.
    /// </summary>
    public static IHttpClientBuilder AddSalesforceConnector(this IServiceCollection services, Action<SalesforceConnectorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        Func<HttpClient, IServiceProvider, SalesforceConnector> factory = (http, provider) => new SalesforceConnector(
            http,
            provider.GetRequiredService<IOptions<SalesforceConnectorOptions>>().Value,
            provider.GetRequiredService<ICallGate>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ILogger<SalesforceConnector>>());
        return services.AddHttpClient(nameof(SalesforceConnector)).AddTypedClient(factory);
    }
}
