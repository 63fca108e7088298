using Highwater.Connectors.Marketo;
using Highwater.Core.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace Highwater.Connectors.Tests.Marketo;

public sealed class MarketoServiceCollectionExtensionsTests
{
    [Fact]
    public void AddMarketoConnector_ResolvesATypedClientWithKnownCapabilities()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ICallGate>(new TallyingCallGate());
        services.AddMarketoConnector(o =>
        {
            o.BaseAddress = new Uri("https://123-abc-456.mktorest.com/");
            o.ClientId = "id";
            o.ClientSecret = "secret";
        });
        using var provider = services.BuildServiceProvider();

        var connector = provider.GetRequiredService<MarketoConnector>();

        Assert.Same(MarketoService.Capabilities, connector.Capabilities);
    }

    [Fact]
    public void Options_Invalid_EveryProblemNamed()
    {
        var problems = new MarketoConnectorOptions { BatchSize = 500 }.Validate();
        Assert.Contains(problems, p => p.StartsWith("marketo.baseAddress", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("marketo.clientId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("marketo.batchSize: must be 1..300 (was 500)", StringComparison.Ordinal));
    }
}
