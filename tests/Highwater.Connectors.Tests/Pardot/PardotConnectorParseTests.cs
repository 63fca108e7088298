using Highwater.Connectors.Pardot;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Core.Planning;
using Microsoft.Extensions.Time.Testing;
using static Highwater.Connectors.Tests.Pardot.PardotContractHarness;

namespace Highwater.Connectors.Tests.Pardot;

/// <summary>The connector reading answers in the shapes of the recorded Pardot traffic (our own fixtures, Pardot/Resources).</summary>
public sealed class PardotConnectorParseTests : IDisposable
{
    private readonly PardotStubHandler _stub = new PardotStubHandler().Token();
    private readonly TallyingCallGate _gate = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly HttpClient _http;
    private readonly PardotConnector _connector;

    public PardotConnectorParseTests()
    {
        _http = new HttpClient(_stub);
        _connector = new PardotConnector(_http, new PardotConnectorOptions
        {
            ApiBaseAddress = new Uri("https://pi.demo.pardot.com"),
            ClientId = "client",
            ClientSecret = "s3cret",
            BusinessUnitId = "0Uv4x000000TgoWCAS",
            ImportCampaignId = 9000,
            ImportPollInterval = TimeSpan.FromSeconds(30),
        }, _gate, _time);
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Lookup_OneProspect_ItsListFromTheSubscription_SentAsRecorded()
    {
        _stub.On("GET /api/prospect/version/4/do/read/email/brian%40example.com?format=json", 200, "read-email-one.json");

        var matches = await _connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "brian@example.com")), default);

        var match = Assert.Single(matches);
        Assert.Equal(("brian@example.com", "31000001"), (match.ForeignKey, match.RemoteId));
        Assert.Equal(new HashSet<string> { "Newsletter" }, match.Lists);
        Assert.Equal("POST /services/oauth2/token", _stub.Sent[0].Line);
        Assert.Contains("grant_type=client_credentials", _stub.Sent[0].Body, StringComparison.Ordinal);
        var lookup = _stub.Sent[1];
        Assert.Equal("Bearer 00D4x000006u2Lv!AQcAQFixture", lookup.Headers["Authorization"]);
        Assert.Equal("0Uv4x000000TgoWCAS", lookup.Headers["Pardot-Business-Unit-Id"]);
    }

    [Fact]
    public async Task Lookup_TwoProspectsOneEmail_BothMatches_ListsArrayAndNull()
    {
        _stub.On("GET /api/prospect/version/4/do/read/email/", 200, "read-email-two.json");

        var matches = await _connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "ada@example.com")), default);

        Assert.Equal(["31000003", "31000011"], matches.Select(m => m.RemoteId));
        Assert.Equal(new HashSet<string> { "Newsletter", "Customers" }, matches[0].Lists);
        Assert.Empty(matches[1].Lists!);
    }

    [Fact]
    public async Task Lookup_Code4_NotFound()
    {
        _stub.On("GET /api/prospect/version/4/do/read/email/", 400, "read-email-miss.json");

        Assert.Empty(await _connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "nobody@example.com")), default));
    }

    [Fact]
    public async Task BatchUpsert_ErrorsByIndex_ToOutcomes_TheFormFieldAsRecorded()
    {
        _stub.On("GET /api/list/version/4/do/query?format=json&name=Customers", 200, "list-query-one.json")
            .On("POST /api/prospect/version/4/do/batchUpsert?format=json", 201, "batch-upsert-errors.json");

        var result = await _connector.ExecuteAsync(Call(CallKind.Create,
            Record("p1", "ada@example.com", fields: new() { ["first_name"] = "Ada", ["last_name"] = null }, lists: [Join("Customers")]),
            Record("p2", "bad", fields: new() { ["first_name"] = "B" }),
            Record("p3", "c@example.com", fields: new() { ["first_name"] = "C" })), default);

        Assert.Equal(RecordStatus.Done, result.Records[0].Status);
        Assert.Equal((RecordStatus.Rejected, "4", "Invalid prospect email address"), (result.Records[1].Status, result.Records[1].Code, result.Records[1].Reason));
        Assert.Equal((RecordStatus.RetryLater, "55"), (result.Records[2].Status, result.Records[2].Code));
        var body = _stub.Sent.Single(s => s.Line.Contains("batchUpsert", StringComparison.Ordinal)).Body!;
        Assert.Contains("name=prospects", body, StringComparison.Ordinal);
        Assert.Contains("""{"prospects":[{"email":"ada@example.com","first_name":"Ada","last_name":"","list_240003":1},{"email":"bad","first_name":"B"},""", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchUpsert_Code70_WholeCallPermanent()
    {
        _stub.On("POST /api/prospect/version/4/do/batchUpsert", 400, "batch-upsert-too-many.json");

        var e = await Assert.ThrowsAsync<ServiceCallException>(() => _connector.ExecuteAsync(Call(CallKind.Create, Record("p1", "a@example.com")), default));

        Assert.Equal((ServiceCallFailure.Permanent, "70"), (e.Failure, e.Code));
    }

    [Theory]
    [InlineData("concurrent-66.json", 400, "66", ServiceSignalKind.TooManyConcurrent)]
    [InlineData("concurrent-66.json", 200, "66", ServiceSignalKind.TooManyConcurrent)]
    [InlineData("daily-122.json", 400, "122", ServiceSignalKind.QuotaReached)]
    [InlineData("daily-122.json", 429, "122", ServiceSignalKind.QuotaReached)]
    [InlineData("v5-daily-122.json", 400, "122", ServiceSignalKind.QuotaReached)]
    public async Task LimitCodes_RateLimited_WithTheirSignal_WhateverTheStatus(string resource, int status, string code, ServiceSignalKind signal)
    {
        _stub.On("GET /api/prospect/version/4/do/read/email/", status, resource);

        var e = await Assert.ThrowsAsync<ServiceCallException>(() => _connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default));

        Assert.Equal((ServiceCallFailure.RateLimited, code), (e.Failure, e.Code));
        Assert.Equal(signal, Assert.Single(_gate.Signals).Kind);
    }

    [Fact]
    public async Task Code184_NewSession_ThenTheAnswer()
    {
        _stub.On("GET /api/prospect/version/4/do/read/email/", 401, "invalid-token-184.json")
            .Token()
            .On("GET /api/prospect/version/4/do/read/email/", 200, "read-email-one.json");

        var matches = await _connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "brian@example.com")), default);

        Assert.Single(matches);
        Assert.Equal(2, _stub.Sent.Count(s => s.Line.StartsWith("POST /services/oauth2/token", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task EnsureLists_NoneFound_CreatesIt()
    {
        _stub.On("GET /api/list/version/4/do/query?format=json&name=Newsletter", 200, "list-query-none.json")
            .On("POST /api/list/version/4/do/create?format=json&name=Newsletter", 200, "list-create.json");

        var ids = await _connector.EnsureListsAsync(["Newsletter"], createMissing: true, default);

        Assert.Equal("240001", ids["Newsletter"]);
        Assert.Equal(2, _gate.Tally.Metadata["lists"]);
    }

    [Fact]
    public async Task Import_StatesWaitingRunningComplete_ErrorsFileToOutcomes()
    {
        _stub.On("POST /api/v5/imports", 201, "import-created.json")
            .On("POST /api/v5/imports/5017/batches", 204, "list-query-none.json")
            .On("PATCH /api/v5/imports/5017", 200, "import-waiting.json")
            .On("GET /api/v5/imports/5017/errors", 200, "import-errors.csv")
            .On("GET /api/v5/imports/5017", 200, "import-running.json")
            .On("GET /api/v5/imports/5017", 200, "import-complete.json");
        var call = new PlannedCall(CallKind.Upsert, null,
        [
            Record("p1", "ada@example.com", fields: new() { ["first_name"] = "Ada" }),
            Record("p2", "bad,address", fields: new() { ["first_name"] = "Bad" }),
        ], 5) { Bulk = true };

        var task = _connector.ExecuteAsync(call, default);
        while (!task.IsCompleted)
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(5)));
        }

        var result = await task;
        Assert.Equal(RecordStatus.Done, result.Records[0].Status);
        Assert.Equal((RecordStatus.Rejected, "Invalid prospect email address"), (result.Records[1].Status, result.Records[1].Reason));
        var create = _stub.Sent.Single(s => s.Line == "POST /api/v5/imports");
        Assert.Equal("""{"operation":"Upsert","object":"Prospect","createOnNoMatch":true,"fields":[{"name":"campaignId","overwrite":false},{"name":"firstName","overwrite":true,"nullOverwrite":true}]}""", create.Body);
        var batch = _stub.Sent.Single(s => s.Line.EndsWith("/batches", StringComparison.Ordinal)).Body!;
        Assert.Contains("matchEmail,email,campaignId,firstName,addToList,removeFromList\r\nada@example.com,ada@example.com,9000,Ada,,\r\n\"bad,address\",\"bad,address\",9000,Bad,,\r\n", batch, StringComparison.Ordinal);
        Assert.Equal("""{"status":"Ready"}""", _stub.Sent.Single(s => s.Line.StartsWith("PATCH", StringComparison.Ordinal)).Body);
        Assert.Equal(6, _gate.Tally.DataOf("import"));
    }
}
