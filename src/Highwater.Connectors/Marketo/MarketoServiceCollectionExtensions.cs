using Highwater.Core.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Highwater.Connectors.Marketo;

/// <summary>Registers the Marketo connector as a typed <see cref="HttpClient"/> client.</summary>
public static class MarketoServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="MarketoConnector"/> with its options and a <see cref="TimeProvider"/> (the
    /// system clock unless one is registered). The container must also hold the account's
    /// <see cref="ICallGate"/>. The client's request logging is removed: the identity request
    /// carries the client secret in its URL, as Marketo's identity endpoint wants it.
    /// </summary>
    public static IHttpClientBuilder AddMarketoConnector(this IServiceCollection services, Action<MarketoConnectorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MarketoConnectorOptions>()
            .Configure(configure)
            .Validate(o => o.Validate().Count == 0, "invalid Marketo options");
        services.TryAddSingleton(TimeProvider.System);
        return services.AddHttpClient<MarketoConnector>().RemoveAllLoggers();
    }
}
