using System.Text.Json.Nodes;
using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Tests.Modules;

/// <summary>
/// Every simulator in <see cref="SimulatorModules"/>, driven only through its module and the
/// <c>/_sim/</c> admin contract (no service named): what a harness needs to drive a new service
/// with no code of its own.
/// </summary>
public sealed class SimulatorModuleContractTests
{
    public static TheoryData<string> Services() => [.. SimulatorModules.Services];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Harness_CredentialsAndSettings_AreThoseTheStartedSimulatorTakes(string service)
    {
        var module = SimulatorModules.Get(service);
        await using var simulator = await module.StartAsync(new SimulatorStart { DailyQuota = module.Harness.DailyQuota }, CancellationToken.None);

        Assert.Equal(module.Harness.Credentials.OrderBy(c => c.Key, StringComparer.Ordinal), simulator.Credentials.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.Equal(module.Harness.Settings(simulator.BaseAddress).OrderBy(c => c.Key, StringComparer.Ordinal), simulator.Settings.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(module.Harness.Title));
        Assert.False(string.IsNullOrWhiteSpace(module.Harness.Limits));
        Assert.True(module.Harness.DailyQuota > 0);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Seed_InTheServicesOwnFieldNames_ReadsBackThroughState_AndCostsNoCall(string service)
    {
        var module = SimulatorModules.Get(service);
        var fields = module.Harness.Fields;
        await using var simulator = await module.StartAsync(new SimulatorStart(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        var admin = new SimulatorAdminClient(http);
        var id = module.Harness.RecordId(0);

        await admin.SeedAsync(
            new JsonObject
            {
                ["lists"] = new JsonArray("Trial Users", "VIP"),
                ["records"] = new JsonArray(new JsonObject
                {
                    ["id"] = id,
                    ["email"] = "ada@example.com",
                    ["fields"] = new JsonObject
                    {
                        [fields.Email] = "ada@example.com",
                        [fields.FirstName] = "Ada",
                        [fields.LastName] = "Lovelace",
                        [fields.Title] = "Analyst",
                        [fields.Country] = "UK",
                    },
                    ["lists"] = new JsonArray("Trial Users"),
                }),
            },
            CancellationToken.None);
        var state = await admin.StateAsync(CancellationToken.None);
        var counts = await admin.CountsAsync(CancellationToken.None);

        var record = Assert.Single(state.Records);
        Assert.Equal(id, record.Id, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("ada@example.com", record.Email);
        Assert.Equal("Ada", record.Fields[fields.FirstName]);
        Assert.Equal("Lovelace", record.Fields[fields.LastName]);
        Assert.Equal("Analyst", record.Fields[fields.Title]);
        Assert.Equal("UK", record.Fields[fields.Country]);
        Assert.Equal(["Trial Users"], record.Lists);
        Assert.Equal(["Trial Users", "VIP"], state.Lists.Select(l => l.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0, counts.Total);
        Assert.Equal(0, counts.RateLimitRejections);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Reset_ForgetsWhatWasSeeded(string service)
    {
        var module = SimulatorModules.Get(service);
        await using var simulator = await module.StartAsync(new SimulatorStart(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        var admin = new SimulatorAdminClient(http);
        await admin.SeedAsync(new JsonObject { ["lists"] = new JsonArray("VIP"), ["records"] = new JsonArray(new JsonObject { ["email"] = "bob@example.com", ["fields"] = new JsonObject { [module.Harness.Fields.LastName] = "Bob" } }) }, CancellationToken.None);

        await admin.ResetAsync(CancellationToken.None);
        var state = await admin.StateAsync(CancellationToken.None);

        Assert.Empty(state.Records);
    }
}
