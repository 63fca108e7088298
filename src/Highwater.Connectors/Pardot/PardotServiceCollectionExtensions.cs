using Highwater.Core.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Highwater.Connectors.Pardot;

/// <summary>Registers the Pardot connector as a typed <see cref="HttpClient"/> client.</summary>
public static class PardotServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="PardotConnector"/> with its options and a <see cref="TimeProvider"/> (the system
    /// clock unless one is registered). The container must also hold the business unit's
    /// <see cref="ICallGate"/>. The client's request logging is removed: the token request carries
    /// the client secret in its body.
    /// </summary>
    public static IHttpClientBuilder AddPardotConnector(this IServiceCollection services, Action<PardotConnectorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PardotConnectorOptions>()
            .Configure(configure)
            .Validate(o => o.Validate().Count == 0, "invalid Pardot options");
        services.TryAddSingleton(TimeProvider.System);
        return services.AddHttpClient<PardotConnector>().RemoveAllLoggers();
    }
}
