using Highwater.Connectors.Salesforce;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;
using Highwater.Simulators.Salesforce;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Connectors.Tests.Salesforce;

/// <summary>
/// A query longer than one page follows <c>nextRecordsUrl</c>, a path starting with <c>/</c>, to the
/// org's instance: the session places every relative request URI there.
/// </summary>
public sealed class SalesforceQueryPagingTests
{
    [Fact]
    public async Task Lookup_AnswerOverSeveralPages_FollowsNextRecordsUrl_AndFindsEveryContact()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var sim = await SalesforceSimulator.StartAsync(new SalesforceSimulatorOptions { TimeProvider = time, QueryBatchSize = 2 });
        var emails = Enumerable.Range(0, 5).Select(i => $"p{i}@example.com").ToArray();
        sim.Seed(new SalesforceSeed
        {
            Records = [.. emails.Select(e => new SalesforceSeedRecord { Email = e, Fields = new Dictionary<string, string?> { ["LastName"] = "L" } })],
        });
        using var http = new HttpClient();
        var gate = new TallyingCallGate();
        var connector = new SalesforceConnector(http, new SalesforceConnectorOptions { LoginUrl = sim.BaseAddress, ClientId = "highwater-client", ClientSecret = "highwater-secret" }, gate, time);

        var matches = await connector.LookupAsync(new PlannedCall(CallKind.Lookup, null, [.. emails.Select((e, i) => new PlannedRecord { ProfileKey = $"k{i}", ForeignKey = e })]), default);

        Assert.Equal(emails, matches.Select(m => m.ForeignKey).Order());
        Assert.Equal(3, gate.Tally.DataOf("lookup"));
    }
}
