using Highwater.Connectors.Salesforce;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Tests.Salesforce;

/// <summary>The connector reading answers shaped like recorded Salesforce traffic (our own fixtures).</summary>
public sealed class SalesforceParseTests : IDisposable
{
    private const string Token = """{"access_token":"00D4S000000oz4e!ARcAQFixture","signature":"c2ln","scope":"api","instance_url":"https://d4s000000oz4euaa-dev-ed.my.salesforce.com","id":"https://login.salesforce.com/id/00D4S000000oz4eUAA/0054S000000JFmhQAG","token_type":"Bearer","issued_at":"1638469362000"}""";
    private readonly StubHandler _stub = new StubHandler().On("POST /services/oauth2/token", 200, Token, null);
    private readonly TallyingCallGate _gate = new();
    private readonly HttpClient _http;

    public SalesforceParseTests() => _http = new HttpClient(_stub);

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Lookup_RecordsWithAttributesAndChildPages_CampaignNamesResolved_UsageReported()
    {
        _stub.On("GET /services/data/v62.0/query?q=SELECT%20Id%2C%20Email%2C%20%28SELECT", 200, """
            {"totalSize":2,"done":true,"records":[
              {"attributes":{"type":"Contact","url":"/services/data/v62.0/sobjects/Contact/0034S000005YJVlQAO"},"Id":"0034S000005YJVlQAO","Email":"additivebrian@demo.com",
               "CampaignMembers":{"totalSize":2,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01g4S00000AbCdE-1","records":[
                 {"attributes":{"type":"CampaignMember","url":"/services/data/v62.0/sobjects/CampaignMember/00v4S000001VKQ1QAO"},"Id":"00v4S000001VKQ1QAO","CampaignId":"7014S00000097HcQAI"}]}},
              {"attributes":{"type":"Contact","url":"/services/data/v62.0/sobjects/Contact/0034S000005YJX5QAO"},"Id":"0034S000005YJX5QAO","Email":"additivebrian2@demo.com","CampaignMembers":null}]}
            """, "api-usage=8262/15000; per-app-api-usage=17/250(appName=Highwater)")
            .On("GET /services/data/v62.0/query/01g4S00000AbCdE-1", 200, """
            {"totalSize":2,"done":true,"records":[{"attributes":{"type":"CampaignMember","url":"/x"},"Id":"00v4S000001VKQ2QAO","CampaignId":"7014S00000097HhQAI"}]}
            """)
            .On("GET /services/data/v62.0/query?q=SELECT%20Id%2C%20Name%20FROM%20Campaign", 200, """
            {"totalSize":2,"done":true,"records":[
              {"attributes":{"type":"Campaign","url":"/x"},"Id":"7014S00000097HcQAI","Name":"(test) High Value4"},
              {"attributes":{"type":"Campaign","url":"/x"},"Id":"7014S00000097HhQAI","Name":"(test) Churned4"}]}
            """);

        var matches = await Connector().LookupAsync(new PlannedCall(CallKind.Lookup, null,
        [
            new PlannedRecord { ProfileKey = "p1", ForeignKey = "AdditiveBrian@demo.com" },
            new PlannedRecord { ProfileKey = "p2", ForeignKey = "additivebrian2@demo.com" },
        ]), default);

        Assert.Equal(("AdditiveBrian@demo.com", "0034S000005YJVlQAO"), (matches[0].ForeignKey, matches[0].RemoteId));
        Assert.Equal(new HashSet<string> { "(test) High Value4", "(test) Churned4" }, matches[0].Lists);
        Assert.Empty(matches[1].Lists!);
        Assert.Equal(["login.salesforce.com", .. Enumerable.Repeat("d4s000000oz4euaa-dev-ed.my.salesforce.com", 3)], _stub.Hosts);
        Assert.Equal(2, _gate.Tally.DataOf("lookup"));
        Assert.Equal(1, _gate.Tally.Metadata["lists"]);
        Assert.Contains(_gate.Signals, s => s is { Kind: ServiceSignalKind.UsageReported, Used: 8262, Limit: 15000 });
    }

    [Fact]
    public async Task Update_PositionalResults_InvalidEmailRejectedWithTheServicesMessage()
    {
        _stub.On("PATCH /services/data/v62.0/composite/sobjects", 200, """
            [{"id":"0034S000005YJVlQAO","success":true,"errors":[]},
             {"success":false,"errors":[{"statusCode":"INVALID_EMAIL_ADDRESS","message":"email field: invalid email address: badone","fields":["email_field__c"]}]},
             {"success":false,"errors":[{"statusCode":"UNABLE_TO_LOCK_ROW","message":"unable to obtain exclusive access to this record","fields":[]}]}]
            """);

        var result = await Connector().ExecuteAsync(new PlannedCall(CallKind.Update, null,
        [
            new PlannedRecord { ProfileKey = "p1", RemoteId = "0034S000005YJVlQAO", Fields = new Dictionary<string, string?> { ["LastName"] = "Test" } },
            new PlannedRecord { ProfileKey = "p2", RemoteId = "0034S000005YJX5QAO", Fields = new Dictionary<string, string?> { ["email_field__c"] = "badone" } },
            new PlannedRecord { ProfileKey = "p3", RemoteId = "0034S000005YJX6QAO", Fields = new Dictionary<string, string?> { ["LastName"] = "Lock" } },
        ]), default);

        Assert.Equal((RecordStatus.Done, "0034S000005YJVlQAO"), (result.Records[0].Status, result.Records[0].RemoteId));
        Assert.Equal((RecordStatus.Rejected, "INVALID_EMAIL_ADDRESS", "email field: invalid email address: badone"), (result.Records[1].Status, result.Records[1].Code, result.Records[1].Reason));
        Assert.Equal((RecordStatus.RetryLater, "UNABLE_TO_LOCK_ROW"), (result.Records[2].Status, result.Records[2].Code));
    }

    [Fact]
    public async Task Create_WholeRequestInvalidField_RejectsEveryRecordWithTheReason()
    {
        _stub.On("POST /services/data/v62.0/composite/sobjects", 400, """[{"message":"No such column 'Shoe__c' on sobject of type Contact","errorCode":"INVALID_FIELD"}]""");

        var result = await Connector().ExecuteAsync(new PlannedCall(CallKind.Create, null,
        [
            new PlannedRecord { ProfileKey = "p1", ForeignKey = "a@demo.com", Fields = new Dictionary<string, string?> { ["Shoe__c"] = "1" } },
            new PlannedRecord { ProfileKey = "p2", ForeignKey = "b@demo.com", Fields = new Dictionary<string, string?> { ["Shoe__c"] = "2" } },
        ]), default);

        Assert.All(result.Records, r => Assert.Equal((RecordStatus.Rejected, "INVALID_FIELD"), (r.Status, r.Code)));
    }

    [Fact]
    public async Task Create_FewerResultsThanRecords_IsUnknown()
    {
        _stub.On("POST /services/data/v62.0/composite/sobjects", 200, """[{"id":"0034S000005YJVlQAO","success":true,"errors":[]}]""");

        var failure = await Assert.ThrowsAsync<ServiceCallException>(() => Connector().ExecuteAsync(new PlannedCall(CallKind.Create, null,
        [
            new PlannedRecord { ProfileKey = "p1", ForeignKey = "a@demo.com" },
            new PlannedRecord { ProfileKey = "p2", ForeignKey = "b@demo.com" },
        ]), default));

        Assert.Equal(ServiceCallFailure.Unknown, failure.Failure);
    }

    [Theory]
    [InlineData("TotalRequests Limit exceeded.", ServiceSignalKind.QuotaReached)]
    [InlineData("ConcurrentRequests (Concurrent API Requests) Limit exceeded.", ServiceSignalKind.TooManyConcurrent)]
    public async Task RequestLimitExceeded_ReportedAsItsSignal_RateLimited(string message, ServiceSignalKind signal)
    {
        _stub.On("DELETE /services/data/v62.0/composite/sobjects", 403, $$"""[{"message":"{{message}}","errorCode":"REQUEST_LIMIT_EXCEEDED"}]""", "api-usage=15000/15000");

        var failure = await Assert.ThrowsAsync<ServiceCallException>(() => Connector().ExecuteAsync(
            new PlannedCall(CallKind.Delete, null, [new PlannedRecord { ProfileKey = "p1", RemoteId = "0034S000005YJVlQAO" }]), default));

        Assert.Equal(ServiceCallFailure.RateLimited, failure.Failure);
        Assert.Contains(_gate.Signals, s => s.Kind == signal);
        Assert.Contains("DELETE /services/data/v62.0/composite/sobjects?ids=0034S000005YJVlQAO&allOrNone=false", _stub.Sent);
    }

    [Theory]
    [InlineData("api-usage=18/5000", 18L, 5000L)]
    [InlineData("api-usage=8333/15000; per-app-api-usage=17/250(appName=sample-app)", 8333L, 15000L)]
    public void LimitInfo_OrgWideUsage(string header, long used, long limit) =>
        Assert.Equal((used, limit), SalesforceConnector.ParseUsage(header));

    [Fact]
    public void LimitInfo_PerAppOnly_IsNotOrgUsage() =>
        Assert.Null(SalesforceConnector.ParseUsage("per-app-api-usage=17/250(appName=sample-app)"));

    [Theory]
    [InlineData("plain@demo.com", "'plain@demo.com'")]
    [InlineData("o'brien@demo.com", @"'o\'brien@demo.com'")]
    [InlineData(@"back\slash@demo.com", @"'back\\slash@demo.com'")]
    public void Soql_QuotesEscapeQuoteAndBackslash(string value, string quoted) => Assert.Equal(quoted, Soql.Quote(value));

    private SalesforceConnector Connector() => new(_http, new SalesforceConnectorOptions { ClientId = "id", ClientSecret = "secret" }, _gate);
}
