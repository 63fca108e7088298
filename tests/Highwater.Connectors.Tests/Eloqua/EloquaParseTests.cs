using Highwater.Connectors.Eloqua;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;

namespace Highwater.Connectors.Tests.Eloqua;

/// <summary>
/// The connector reading answers in the shapes of recorded Eloqua traffic (our own fixtures: the
/// login service's /id, REST 1.0 searches, Bulk API definitions, syncs, logs and rejects).
/// </summary>
public sealed class EloquaParseTests : IDisposable
{
    private const string Login = "https://login.eloqua.com";
    private const string Pod = "https://secure.p04.eloqua.com";

    private const string Id = """
        {"site":{"id":734972267,"name":"HighwaterFixture"},"user":{"id":222,"username":"Api.User","displayName":"Api.User","firstName":"Api","lastName":"User","emailAddress":"api.user@example.com"},
         "urls":{"base":"https://secure.p04.eloqua.com","apis":{"soap":{"standard":"https://secure.p04.eloqua.com/API/{version}/Service.svc"},
         "rest":{"standard":"https://secure.p04.eloqua.com/API/REST/{version}/","bulk":"https://secure.p04.eloqua.com/API/Bulk/{version}/"}}}}
        """;

    // Before its first lookup or write, the connector asks for syncs left running (none here).
    private readonly StubEloquaHandler _stub = new StubEloquaHandler()
        .On("GET " + Login + "/id", 200, Id)
        .On("GET " + Pod + "/api/bulk/2.0/syncs?orderBy=createdAt DESC&limit=100", 200, """{"items":[],"totalResults":0,"limit":100,"offset":0,"count":0,"hasMore":false}""");
    private readonly TallyingCallGate _gate = new();
    private readonly HttpClient _http;

    public EloquaParseTests() => _http = new HttpClient(_stub);

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Lookup_FindsThePodThroughTheLoginService_AndReadsTheRecordedContactShape()
    {
        _stub.On("GET " + Pod + "/api/REST/1.0/data/contacts?search=emailAddress='fixture@demo.com'", 200, """
            {"elements":[{"type":"Contact","currentStatus":"Awaiting action","id":"1986113","createdAt":"1625794777","depth":"minimal","name":"fixture@demo.com",
              "updatedAt":"1625794777","emailAddress":"fixture@demo.com"}],"page":1,"pageSize":1000,"total":1}
            """)
            .On("GET " + Pod + "/api/REST/1.0/data/contacts?search=emailAddress='nobody@demo.com'", 200, """{"elements":[],"page":1,"pageSize":1000,"total":0}""");

        var matches = await Connector().LookupAsync(new PlannedCall(CallKind.Lookup, null,
            [new PlannedRecord { ProfileKey = "p1", ForeignKey = "fixture@demo.com" }, new PlannedRecord { ProfileKey = "p2", ForeignKey = "nobody@demo.com" }]), default);

        Assert.Equal(new RemoteMatch("fixture@demo.com", "1986113"), Assert.Single(matches));
        Assert.StartsWith("GET " + Login + "/id", _stub.Sent[0], StringComparison.Ordinal);
        Assert.StartsWith("GET " + Pod + "/api/bulk/2.0/syncs?", _stub.Sent[1], StringComparison.Ordinal);
        Assert.All(_stub.Sent.Skip(2), s => Assert.StartsWith("GET " + Pod + "/api/REST/1.0/", s, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upsert_RecordedDefinitionAndSyncShapes_WarningRejectsMatchedByEmail()
    {
        _stub.On("POST " + Pod + "/api/bulk/2.0/contacts/imports", 201, """
                {"name":"highwater-import-x","fields":{"emailAddress":"{{Contact.Field(C_EmailAddress)}}","firstName":"{{Contact.Field(C_FirstName)}}"},
                 "identifierFieldName":"emailAddress","isSyncTriggeredOnImport":false,"dataRetentionDuration":"P7D","isUpdatingMultipleMatchedRecords":false,
                 "uri":"/contacts/imports/1232","createdBy":"t3st","createdAt":"2021-07-09T01:40:10.3187286Z","updatedBy":"t3st","updatedAt":"2021-07-09T01:40:10.3187286Z"}
                """)
            .On("POST " + Pod + "/api/bulk/2.0/contacts/imports/1232/data", 204)
            .On("POST " + Pod + "/api/bulk/2.0/syncs", 201, """
                {"syncedInstanceUri":"/contacts/imports/1232","status":"pending","createdAt":"2021-07-09T01:41:08.9083599Z","createdBy":"t3st","uri":"/syncs/1042"}
                """)
            .On("GET " + Pod + "/api/bulk/2.0/syncs/1042", 200, """
                {"syncedInstanceUri":"/contacts/imports/1232","syncStartedAt":"2021-07-09T01:41:09.6300000Z","status":"active","createdAt":"2021-07-09T01:41:08.1000000Z","createdBy":"t3st","uri":"/syncs/1042"}
                """)
            .On("GET " + Pod + "/api/bulk/2.0/syncs/1042", 200, """
                {"syncedInstanceUri":"/contacts/imports/1232","syncStartedAt":"2021-07-09T01:41:09.6300000Z","syncEndedAt":"2021-07-09T01:41:10.3030000Z","status":"warning","createdAt":"2021-07-09T01:41:08.1000000Z","createdBy":"t3st","uri":"/syncs/1042"}
                """)
            .On("GET " + Pod + "/api/bulk/2.0/syncs/1042/logs", 200, """
                {"items":[{"count":2,"createdAt":"2021-07-09T01:41:10.1000000Z","message":"Total records processed.","severity":"information","statusCode":"ELQ-00001","syncUri":"/syncs/1042"},
                          {"count":1,"createdAt":"2021-07-09T01:41:10.1000000Z","message":"Total rejected records.","severity":"warning","statusCode":"ELQ-00060","syncUri":"/syncs/1042"}],
                 "totalResults":2,"limit":1000,"offset":0,"count":2,"hasMore":false}
                """)
            .On("GET " + Pod + "/api/bulk/2.0/syncs/1042/rejects", 200, """
                {"items":[{"fieldValues":{"emailAddress":"BAD@demo","firstName":"Pete"},"message":"Invalid email address.","statusCode":"ELQ-00002","recordIndex":2,"invalidFields":["emailAddress"],"syncUri":"/syncs/1042"}],
                 "totalResults":1,"limit":1000,"offset":0,"count":1,"hasMore":false}
                """);

        var result = await Connector().ExecuteAsync(new PlannedCall(CallKind.Upsert, null,
        [
            new PlannedRecord { ProfileKey = "p1", ForeignKey = "fixture@demo.com", Fields = new Dictionary<string, string?> { ["firstName"] = "John" } },
            new PlannedRecord { ProfileKey = "p2", ForeignKey = "bad@demo", Fields = new Dictionary<string, string?> { ["firstName"] = "Pete" } },
        ]), default);

        Assert.Equal(RecordStatus.Done, result.Records[0].Status);
        Assert.Equal((RecordStatus.Rejected, "ELQ-00002", "Invalid email address."), (result.Records[1].Status, result.Records[1].Code, result.Records[1].Reason));
        // (Bodies: the login, the look for syncs left running, the definition, the upload, the sync.)
        Assert.Equal("""[{"emailAddress":"fixture@demo.com","firstName":"John"},{"emailAddress":"bad@demo","firstName":"Pete"}]""", _stub.Bodies[3]);
        Assert.Equal("""{"syncedInstanceUri":"/contacts/imports/1232"}""", _stub.Bodies[4]);
        Assert.Equal(6, _gate.Tally.DataOf("upsert")); // upload, sync, two polls, logs, rejects
    }

    [Fact]
    public async Task Upsert_SyncInErrorWithoutATemporaryLog_RejectsEveryRecordWithTheLogsMessages()
    {
        _stub.On("POST " + Pod + "/api/bulk/2.0/contacts/imports", 201, """{"name":"n","uri":"/contacts/imports/77"}""")
            .On("POST " + Pod + "/api/bulk/2.0/contacts/imports/77/data", 204)
            .On("POST " + Pod + "/api/bulk/2.0/syncs", 201, """{"syncedInstanceUri":"/contacts/imports/77","status":"pending","uri":"/syncs/9"}""")
            .On("GET " + Pod + "/api/bulk/2.0/syncs/9", 200, """{"syncedInstanceUri":"/contacts/imports/77","status":"error","uri":"/syncs/9"}""")
            .On("GET " + Pod + "/api/bulk/2.0/syncs/9/logs", 200, """
                {"items":[{"count":0,"message":"Field C_Plan1 does not exist.","severity":"error","statusCode":"ELQ-00101","syncUri":"/syncs/9"}],"totalResults":1,"limit":1000,"offset":0,"count":1,"hasMore":false}
                """)
            .On("GET " + Pod + "/api/bulk/2.0/syncs/9/rejects", 200, """{"items":[],"totalResults":0,"limit":1000,"offset":0,"count":0,"hasMore":false}""");

        var result = await Connector().ExecuteAsync(new PlannedCall(CallKind.Upsert, null,
            [new PlannedRecord { ProfileKey = "p1", ForeignKey = "a@demo.com", Fields = new Dictionary<string, string?>() }]), default);

        var outcome = Assert.Single(result.Records);
        Assert.Equal(RecordStatus.Rejected, outcome.Status);
        Assert.Contains("Field C_Plan1 does not exist.", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureLists_ReadsTheRecordedListSearchAndCreateShapes()
    {
        _stub.On("GET " + Pod + "/api/REST/1.0/assets/contact/lists?search=name='(test) High Value'", 200, """
                {"elements":[{"type":"ContactList","id":"6048","createdAt":"1625794717","createdBy":"222","depth":"minimal","folderId":"48","name":"(test) High Value","permissions":"fullControl",
                  "updatedAt":"1625794769","updatedBy":"222","count":"1","dataLookupId":"1879cafc-08fa-4992-a228-eb138c193bf8","scope":"global"}],"page":1,"pageSize":1000,"total":1}
                """)
            .On("GET " + Pod + "/api/REST/1.0/assets/contact/lists?search=name='(test) Churned'", 200, """{"elements":[],"page":1,"pageSize":1000,"total":0}""")
            .On("POST " + Pod + "/api/REST/1.0/assets/contact/list", 201, """
                {"type":"ContactList","id":"6051","createdAt":"1625794903","createdBy":"222","depth":"complete","folderId":"48","name":"(test) Churned","permissions":"fullControl",
                 "updatedAt":"1625794903","updatedBy":"222","count":"0","dataLookupId":"a3bf234b-fbd3-49a8-ab16-65d5ee586722","scope":"global"}
                """);

        var ids = await Connector().EnsureListsAsync(["(test) High Value", "(test) Churned"], createMissing: true, default);

        Assert.Equal(("6048", "6051"), (ids["(test) High Value"], ids["(test) Churned"]));
        Assert.Equal("""{"name":"(test) Churned"}""", _stub.Bodies[^1]);
    }

    private EloquaConnector Connector() => new(_http, new EloquaConnectorOptions
    {
        LoginUrl = new Uri(Login + "/"),
        Company = "HighwaterFixture",
        Username = "Api.User",
        Password = "fixture",
        PollInterval = TimeSpan.FromTicks(1),
        MaxPollInterval = TimeSpan.FromTicks(1),
    }, _gate);
}
