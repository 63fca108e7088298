using Highwater.Core.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Highwater.Connectors.Eloqua;

/// <summary>Registers the Eloqua connector as a typed <see cref="HttpClient"/> client.</summary>
public static class EloquaServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="EloquaConnector"/> with its options; the container must also hold the
    /// account's <see cref="ICallGate"/> (and may hold a <see cref="TimeProvider"/>). The connector
    /// keeps the pod, list ids and Bulk API definitions: resolve it once per instance and run and keep it.
    /// </summary>
    public static IHttpClientBuilder AddEloquaConnector(this IServiceCollection services, Action<EloquaConnectorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        Func<HttpClient, IServiceProvider, EloquaConnector> factory = (http, provider) => new EloquaConnector(
            http,
            provider.GetRequiredService<IOptions<EloquaConnectorOptions>>().Value,
            provider.GetRequiredService<ICallGate>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ILogger<EloquaConnector>>());
        return services.AddHttpClient(nameof(EloquaConnector)).AddTypedClient(factory);
    }
}
