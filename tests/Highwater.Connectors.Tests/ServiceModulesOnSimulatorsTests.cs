using System.Globalization;
using Highwater.Connectors.Modules;
using Highwater.Core.Connectors;
using Highwater.Simulators;
using Highwater.Simulators.Modules;
using Microsoft.Extensions.Logging.Abstractions;

namespace Highwater.Connectors.Tests;

/// <summary>
/// Every service module's connector, built only from the module list and its simulator's module
/// (no service named in the test), signs in to its simulator and resolves a list there: the
/// simulator's credentials and settings are those the connector's module asks for.
/// </summary>
public sealed class ServiceModulesOnSimulatorsTests
{
    public static TheoryData<string> Kinds() => [.. ServiceModules.Kinds];

    [Fact]
    public void EveryService_HasASimulator_TakingTheConnectorsCredentialKeys()
    {
        Assert.Equal(ServiceModules.Kinds, SimulatorModules.Services);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Create_WithTheSimulatorsCredentials_SignsInAndMakesAList(string kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var module = ServiceModules.Get(kind);
        await using var simulator = await SimulatorModules.Get(kind).StartAsync(new SimulatorStart(), timeout.Token);
        // Every key the service requires, and none it does not take (HubSpot's simulator hands out a private app's token, not its OAuth keys).
        Assert.Superset(module.RequiredCredentials.ToHashSet(), simulator.Credentials.Keys.ToHashSet());
        Assert.Subset(module.Credentials.ToHashSet(), simulator.Credentials.Keys.ToHashSet());
        var gate = new TallyingCallGate();
        using var http = new HttpClient();

        var connector = module.Create(Destination(module, simulator, key => simulator.Credentials.GetValueOrDefault(key, "")), http, gate, TimeProvider.System, NullLoggerFactory.Instance);
        var lists = await connector.EnsureListsAsync(["Module check"], createMissing: true, timeout.Token);

        Assert.True(lists.TryGetValue("Module check", out var id) && id.Length > 0, $"{kind}: no id for the list it was asked to make");
        Assert.True(gate.Tally.MetadataCalls + gate.Tally.DataCalls > 0, $"{kind}: made no call");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Create_WithAWrongSecret_IsRefusedByTheSimulator(string kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var module = ServiceModules.Get(kind);
        await using var simulator = await SimulatorModules.Get(kind).StartAsync(new SimulatorStart(), timeout.Token);
        using var http = new HttpClient();

        var connector = module.Create(Destination(module, simulator, key => simulator.Credentials.TryGetValue(key, out var value) ? value + "-wrong" : ""), http, new TallyingCallGate(), TimeProvider.System, NullLoggerFactory.Instance);

        await Assert.ThrowsAsync<ServiceCallException>(() => connector.EnsureListsAsync(["Module check"], createMissing: true, timeout.Token));
    }

    private static ServiceDestination Destination(IServiceModule module, RunningSimulator simulator, Func<string, string> credential) => new()
    {
        Name = "check",
        BaseUrl = simulator.BaseAddress,
        BatchSize = 50,
        Settings = new ServiceSettings(simulator.Settings.Select(s => KeyValuePair.Create(s.Key, Parse(module.Settings.Single(d => d.Name == s.Key), s.Value)))),
        Credential = credential,
    };

    private static object Parse(ServiceSetting setting, string text) => setting.Type switch
    {
        ServiceSettingType.Integer => long.Parse(text, CultureInfo.InvariantCulture),
        ServiceSettingType.Url => new Uri(text),
        _ => text.Split(',', StringSplitOptions.TrimEntries),
    };
}
