using Highwater.Core.Connectors;
using Highwater.Simulators.Marketo;

namespace Highwater.Connectors.Tests.Marketo;

/// <summary>The connector's record reads (reconcile) against the simulator.</summary>
public sealed class MarketoConnectorReadTests
{
    [Fact]
    public async Task ReadRecords_ByKeyThenByIdForTheRest_WithFieldsAndMappedListMemberships_AsPlanned()
    {
        await using var h = await MarketoContractHarness.StartAsync();
        var seeded = h.Simulator.Seed(new MarketoSeed(["Paying", "Trial", "Other"],
        [
            new MarketoSimRecord(null, "a@example.com", new Dictionary<string, string?> { ["firstName"] = "Ada", ["country"] = "GB" }, ["Paying", "Other"]),
            new MarketoSimRecord(null, "moved@example.com", new Dictionary<string, string?> { ["firstName"] = "Bo" }, ["Trial"]),
            new MarketoSimRecord(null, "c@example.com"),
        ]));
        var moved = seeded.Records[1].Id!;
        var query = new RecordQuery(["A@example.com", "gone@example.com"], [moved, "999999"], ["email", "firstName", "country"], ["Paying", "Trial", "Missing list"]);

        var records = await h.Connector.ReadRecordsAsync(query, CancellationToken.None);

        Assert.Equal(2, records.Count);
        var a = records.Single(r => r.ForeignKey == "a@example.com");
        Assert.Equal(("Ada", "GB", "a@example.com"), (a.Fields["firstName"], a.Fields["country"], a.Fields["email"]));
        Assert.Equal(["Paying"], a.Lists!.Order());
        var b = records.Single(r => r.RemoteId == moved);
        Assert.Equal(("moved@example.com", "Bo", null), (b.ForeignKey, b.Fields["firstName"], b.Fields["country"]));
        Assert.Equal(["Trial"], b.Lists!);

        // Two reads (keys, then the ids no key found) and one Member of List call per existing mapped list.
        Assert.Equal(2, h.Gate.Tally.Metadata.GetValueOrDefault("read"));
        Assert.Equal(2, h.Gate.Tally.Metadata.GetValueOrDefault("readLists"));
        Assert.Equal(2 + 3, h.Connector.ReadCalls(foreignKeys: 2, remoteIds: 2, lists: 3));
    }
}
