using System.Net;
using Highwater.Connectors.Marketo;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Core.Planning;
using Microsoft.Extensions.Time.Testing;
using static Highwater.Connectors.Tests.Marketo.MarketoContractHarness;

namespace Highwater.Connectors.Tests.Marketo;

/// <summary>The connector over answers shaped like recorded Marketo traffic (fixtures of our own).</summary>
public sealed class MarketoConnectorParseTests : IDisposable
{
    private readonly StubMarketoHandler _stub = new();
    private readonly HttpClient _http;
    private readonly TallyingCallGate _gate = new();
    private readonly MarketoConnector _connector;

    public MarketoConnectorParseTests()
    {
        _http = new HttpClient(_stub);
        _connector = new MarketoConnector(_http, new MarketoConnectorOptions
        {
            BaseAddress = new Uri("https://123-abc-456.mktorest.com/"),
            ClientId = "client",
            ClientSecret = "s3cret",
            ListFolderId = 12,
        }, _gate, new FakeTimeProvider(Start));
    }

    [Fact]
    public async Task Lookup_ParsesLeadsAndSendsTheDocumentedQuery()
    {
        _stub.Token().Answer("""{"requestId":"6227#17d4f044661","result":[{"id":7149,"email":"brian@example.com"}],"success":true}""");

        var matches = await _connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "Brian@example.com"), Record("p2", "other@example.com")), default);

        Assert.Equal(("Brian@example.com", "7149"), (matches.Single().ForeignKey, matches.Single().RemoteId));
        var token = _stub.Requests[0].Uri;
        Assert.Equal("/identity/oauth/token", token.AbsolutePath);
        Assert.Contains("grant_type=client_credentials", token.Query, StringComparison.Ordinal);
        var lookup = _stub.Requests[1];
        Assert.Equal((HttpMethod.Get, "/rest/v1/leads.json"), (lookup.Method, lookup.Uri.AbsolutePath));
        Assert.Equal("?filterType=email&filterValues=Brian%40example.com%2Cother%40example.com&fields=id%2Cemail", lookup.Uri.Query);
    }

    [Fact]
    public async Task Lookup_EmptyResult_NoMatches()
    {
        _stub.Token().Answer("""{"requestId":"110dc#17d4f044970","result":[],"success":true}""");
        Assert.Empty(await _connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default));
    }

    [Fact]
    public async Task Upsert_CreatedAndUpdatedWithIds_SkippedWithReason()
    {
        _stub.Token().Answer("""
            {"requestId":"262e#17d4f046342","result":[{"id":7149,"status":"created"},{"id":7150,"status":"updated"},{"status":"skipped","reasons":[{"code":"1006","message":"Field 'shoeSize' not found"}]}],"success":true}
            """);

        var result = await _connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com", fields: new() { ["firstName"] = "Brian" }), Record("p2", "b@example.com"), Record("p3", "c@example.com", fields: new() { ["shoeSize"] = "44" })), default);

        Assert.Equal([("7149", RecordStatus.Done), ("7150", RecordStatus.Done), (null, RecordStatus.Rejected)], result.Records.Select(r => (r.RemoteId, r.Status)));
        Assert.Equal(("1006", "Field 'shoeSize' not found"), (result.Records[2].Code, result.Records[2].Reason));
        Assert.Equal("""{"action":"createOrUpdate","lookupField":"email","input":[{"firstName":"Brian","email":"a@example.com"},{"email":"b@example.com"},{"shoeSize":"44","email":"c@example.com"}]}""", _stub.Requests[1].Body);
    }

    [Fact]
    public async Task Update_SendsUpdateOnlyById()
    {
        _stub.Token().Answer("""{"requestId":"f484#17d4f047995","result":[{"id":7149,"status":"updated"}],"success":true}""");

        var result = await _connector.ExecuteAsync(Call(CallKind.Update, Record("p1", "brian@example.com", "7149", new() { ["firstName"] = "John", ["lastName"] = null })), default);

        Assert.Equal((RecordStatus.Done, "7149"), (result.Records[0].Status, result.Records[0].RemoteId));
        Assert.Equal("""{"action":"updateOnly","lookupField":"id","input":[{"id":7149,"firstName":"John","lastName":null,"email":"brian@example.com"}]}""", _stub.Requests[1].Body);
    }

    [Fact]
    public async Task ListRemove_RemovedAndSkipped1015_BothDone_IdsInTheQuery()
    {
        _stub.Token()
            .Answer("""{"success":true,"errors":[],"requestId":"7d18#1743e0c5751","warnings":[],"result":[{"id":1159,"name":"(test) High Value","createdAt":"2021-11-23T22:57:24Z+0000","updatedAt":"2021-11-23T22:57:24Z+0000","folder":{"id":12,"type":"Folder"},"computedUrl":"https://app-ab39.marketo.com/#ST1159A1","workspace":"Default"}]}""")
            .Answer("""{"requestId":"11623#17d4f04db4c","result":[{"id":7149,"status":"removed"},{"id":7150,"status":"skipped","reasons":[{"code":"1015","message":"Lead not in list"}]}],"success":true}""");
        var records = new[] { "7149", "7150" }.Select(id => new PlannedRecord { ProfileKey = "p" + id, RemoteId = id }).ToList();

        var result = await _connector.ExecuteAsync(new PlannedCall(CallKind.ListRemove, "(test) High Value", records), default);

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Equal("?name=%28test%29%20High%20Value", _stub.Requests[1].Uri.Query);
        Assert.Equal((HttpMethod.Delete, "/rest/v1/lists/1159/leads.json", "?id=7149&id=7150"), (_stub.Requests[2].Method, _stub.Requests[2].Uri.AbsolutePath, _stub.Requests[2].Uri.Query));
    }

    [Fact]
    public async Task EnsureLists_NoAssetsWarning_CreatesWithFormBody()
    {
        _stub.Token()
            .Answer("""{"success":true,"errors":[],"requestId":"11d72#17d4f0450c4","warnings":["No assets found for the given search criteria."]}""")
            .Answer("""{"success":true,"errors":[],"requestId":"eb08#17d4f04a44c","warnings":[],"result":[{"id":1160,"name":"(test) Churned","folder":{"id":12,"type":"Folder"}}]}""");

        var ids = await _connector.EnsureListsAsync(["(test) Churned"], createMissing: true, default);

        Assert.Equal("1160", ids["(test) Churned"]);
        Assert.Equal("name=%28test%29+Churned&folder=%7B%22id%22%3A12%2C%22type%22%3A%22Folder%22%7D", _stub.Requests[2].Body);
    }

    [Theory]
    [InlineData("606", ServiceSignalKind.RateWindowExceeded)]
    [InlineData("607", ServiceSignalKind.QuotaReached)]
    [InlineData("615", ServiceSignalKind.TooManyConcurrent)]
    public async Task LimitCodes_ReportTheirSignal_AndAreRateLimited(string code, ServiceSignalKind signal)
    {
        _stub.Token().Answer($$"""{"requestId":"e42b#14272d07d78","success":false,"errors":[{"code":"{{code}}","message":"limit"}]}""");

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => _connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com")), default));

        Assert.Equal((ServiceCallFailure.RateLimited, code), (error.Failure, error.Code));
        Assert.Equal(signal, Assert.Single(_gate.Signals).Kind);
    }

    [Fact]
    public async Task InvalidToken601_NewTokenAndOneResend_ThenSecond601IsUnauthorized()
    {
        _stub.Token("tok-1")
            .Answer("""{"requestId":"a#1","success":false,"errors":[{"code":"601","message":"Access token invalid"}]}""")
            .Token("tok-2")
            .Answer("""{"requestId":"a#2","success":false,"errors":[{"code":"601","message":"Access token invalid"}]}""");

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => _connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default));

        Assert.Equal((ServiceCallFailure.Unauthorized, "601"), (error.Failure, error.Code));
        Assert.StartsWith("credentials refused (601 ", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, _stub.Requests.Count);
        Assert.Equal(2, _gate.Tally.DataOf("lookup"));
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestUriTooLong, ServiceCallFailure.Permanent)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, ServiceCallFailure.Permanent)]
    [InlineData(HttpStatusCode.BadGateway, ServiceCallFailure.Unknown)]
    public async Task HttpLevelErrors_OnAWrite(HttpStatusCode status, ServiceCallFailure failure)
    {
        _stub.Token().Answer("", status);
        var error = await Assert.ThrowsAsync<ServiceCallException>(() => _connector.ExecuteAsync(Call(CallKind.Create, Record("p1", "a@example.com")), default));
        Assert.Equal(failure, error.Failure);
    }

    [Fact]
    public async Task Identity401_Unauthorized()
    {
        _stub.Answer("""{"error":"invalid_client","error_description":"Bad client credentials"}""", HttpStatusCode.Unauthorized);
        var error = await Assert.ThrowsAsync<ServiceCallException>(() => _connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default));
        Assert.Equal(ServiceCallFailure.Unauthorized, error.Failure);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _connector.Dispose();
        _http.Dispose();
        _stub.Dispose();
    }
}
