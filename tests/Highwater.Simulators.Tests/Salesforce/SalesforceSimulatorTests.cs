using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Simulators.Salesforce;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Simulators.Tests.Salesforce;

/// <summary>The simulator's wire behaviour, spoken to in raw HTTP.</summary>
public sealed class SalesforceSimulatorTests : IAsyncLifetime
{
    private const string Data = "services/data/v62.0/";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private SalesforceSimulator _sim = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var options = new SalesforceSimulatorOptions { TimeProvider = _time, DailyApiRequests = 50, QueryBatchSize = 3 };
        options.CustomContactFields["Plan__c"] = 10;
        _sim = await SalesforceSimulator.StartAsync(options);
        _http = new HttpClient { BaseAddress = _sim.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task Token_WrongSecret_InvalidClient_RightSecret_SessionWithInstanceUrl()
    {
        var bad = await TokenAsync("highwater-client", "nope");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid_client", (await Json(bad))!["error"]!.GetValue<string>());

        var good = await TokenAsync("highwater-client", "highwater-secret");
        var body = (await Json(good))!;
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.StartsWith("00D", body["access_token"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(_sim.BaseAddress.ToString().TrimEnd('/'), body["instance_url"]!.GetValue<string>());
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), body["issued_at"]!.GetValue<string>());
        Assert.Equal(0, _sim.ApiUsage);
    }

    [Fact]
    public async Task Session_ExpiresAfterTwoHours_InvalidSessionId()
    {
        await AuthorizeAsync();
        Assert.Equal(HttpStatusCode.OK, (await QueryAsync("SELECT Id FROM Contact")).StatusCode);

        _time.Advance(TimeSpan.FromHours(2));
        var expired = await QueryAsync("SELECT Id FROM Contact");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        var error = (await Json(expired))![0]!;
        Assert.Equal("INVALID_SESSION_ID", error["errorCode"]!.GetValue<string>());
        Assert.Equal("Session expired or invalid", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Usage_EveryAnswerCarriesLimitInfo_SpentAllocation_RequestLimitExceeded_UntilTheRollingDayPasses()
    {
        await AuthorizeAsync();
        var first = await QueryAsync("SELECT Id FROM Contact");
        Assert.Equal("api-usage=1/50", first.Headers.GetValues("Sforce-Limit-Info").Single());

        _sim.InjectFaults(new SalesforceFaults { SpentToday = 49 });
        var refused = await QueryAsync("SELECT Id FROM Contact");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var error = (await Json(refused))![0]!;
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", error["errorCode"]!.GetValue<string>());
        Assert.Equal("TotalRequests Limit exceeded.", error["message"]!.GetValue<string>());
        Assert.Equal("api-usage=50/50", refused.Headers.GetValues("Sforce-Limit-Info").Single());
        Assert.Equal(1, _sim.GetCounts().RateLimitRejections);

        _time.Advance(TimeSpan.FromHours(24));
        await AuthorizeAsync();
        Assert.Equal(HttpStatusCode.OK, (await QueryAsync("SELECT Id FROM Contact")).StatusCode);
    }

    [Fact]
    public async Task Create_MoreThan200_ExceededIdLimit()
    {
        await AuthorizeAsync();
        var records = Enumerable.Range(0, 201).Select(i => Contact($"p{i}@example.com", "P")).ToArray();
        var answer = await _http.PostAsync(Data + "composite/sobjects", Body(new JsonObject { ["allOrNone"] = false, ["records"] = new JsonArray(records) }));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("EXCEEDED_ID_LIMIT", (await Json(answer))![0]!["errorCode"]!.GetValue<string>());
        Assert.Empty(_sim.GetState().Records);
    }

    [Fact]
    public async Task Create_BadRecords_RejectedEachWithItsReason_TheRestApplied()
    {
        await AuthorizeAsync();
        var unknown = Contact("u@example.com", "U");
        unknown["Shoe_Size__c"] = "44";
        var noLastName = new JsonObject { ["attributes"] = new JsonObject { ["type"] = "Contact" }, ["Email"] = "n@example.com" };
        var tooLong = Contact("t@example.com", "T");
        tooLong["Plan__c"] = "enterprise-plus";
        var answer = await _http.PostAsync(Data + "composite/sobjects", Body(new JsonObject
        {
            ["allOrNone"] = false,
            ["records"] = new JsonArray(Contact("ok@example.com", "Ok"), Contact("not-an-email", "Bad"), unknown, noLastName, tooLong),
        }));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var results = (await Json(answer))!.AsArray();
        Assert.True(results[0]!["success"]!.GetValue<bool>());
        Assert.StartsWith("003", results[0]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(18, results[0]!["id"]!.GetValue<string>().Length);
        Assert.Equal(["INVALID_EMAIL_ADDRESS", "INVALID_FIELD", "REQUIRED_FIELD_MISSING", "STRING_TOO_LONG"], results.Skip(1).Select(r => r!["errors"]![0]!["statusCode"]!.GetValue<string>()));
        Assert.Equal("Email: invalid email address: not-an-email", results[1]!["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal("No such column 'Shoe_Size__c' on sobject of type Contact", results[2]!["errors"]![0]!["message"]!.GetValue<string>());
        Assert.All(results.Skip(1), r => Assert.False(r!["success"]!.GetValue<bool>()));
        Assert.Equal(["ok@example.com"], _sim.GetState().Records.Select(r => r.Email));
        Assert.Equal(4, _sim.GetCounts().RecordRejections);
    }

    [Fact]
    public async Task Query_ChildSubquery_RealShape_QuotesEscaped_InjectionFindsNothing()
    {
        var seeded = _sim.Seed(new SalesforceSeed
        {
            Lists = ["Churned"],
            Records =
            [
                new SalesforceSeedRecord { Email = "o'brien@example.com", Fields = new Dictionary<string, string?> { ["LastName"] = "O'Brien" }, Lists = ["VIP"] },
                new SalesforceSeedRecord { Email = "plain@example.com" },
            ],
        });
        await AuthorizeAsync();

        var answer = await QueryAsync("SELECT Id, Email, (SELECT Id, CampaignId FROM CampaignMembers) FROM Contact WHERE Email IN ('O\\'Brien@example.com', 'plain@example.com')");
        var body = (await Json(answer))!;
        Assert.Equal(2, body["totalSize"]!.GetValue<int>());
        Assert.True(body["done"]!.GetValue<bool>());
        var first = body["records"]![0]!;
        Assert.Equal("Contact", first["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal($"/services/data/v62.0/sobjects/Contact/{seeded.Records[0].Id}", first["attributes"]!["url"]!.GetValue<string>());
        Assert.Equal("o'brien@example.com", first["Email"]!.GetValue<string>());
        var vip = seeded.Lists.Single(l => l.Name == "VIP").Id;
        Assert.Equal(vip, first["CampaignMembers"]!["records"]![0]!["CampaignId"]!.GetValue<string>());
        Assert.Null(body["records"]![1]!["CampaignMembers"]);

        var injected = await QueryAsync("SELECT Id FROM Contact WHERE Email IN ('x\\' OR Email != \\'')");
        Assert.Equal(0, (await Json(injected))!["totalSize"]!.GetValue<int>());
        var broken = await QueryAsync("SELECT Id FROM Contact WHERE Email IN ('x' OR Email != '')");
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("MALFORMED_QUERY", (await Json(broken))![0]!["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Query_MoreRowsThanTheBatch_NextRecordsUrlPages()
    {
        _sim.Seed(new SalesforceSeed { Records = [.. Enumerable.Range(0, 7).Select(i => new SalesforceSeedRecord { Email = $"p{i}@example.com" })] });
        await AuthorizeAsync();

        var emails = new List<string>();
        var page = (await Json(await QueryAsync("SELECT Id, Email FROM Contact")))!;
        Assert.Equal(7, page["totalSize"]!.GetValue<int>());
        while (true)
        {
            emails.AddRange(page["records"]!.AsArray().Select(r => r!["Email"]!.GetValue<string>()));
            if (page["done"]!.GetValue<bool>())
            {
                break;
            }

            var next = page["nextRecordsUrl"]!.GetValue<string>();
            Assert.Matches("^/services/data/v62.0/query/01g[0-9A-Za-z]+-[0-9]+$", next);
            page = (await Json(await _http.GetAsync(next.TrimStart('/'))))!;
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"p{i}@example.com"), emails);
        Assert.Equal(3, _sim.GetCounts().ByKind["lookup"]);
    }

    [Fact]
    public async Task Members_DuplicateIsDuplicateValue_DeletingTheContactDeletesItsMembers()
    {
        var seeded = _sim.Seed(new SalesforceSeed { Records = [new SalesforceSeedRecord { Email = "a@example.com", Lists = ["VIP"] }] });
        var campaign = seeded.Lists[0].Id;
        var contact = seeded.Records[0].Id;
        await AuthorizeAsync();

        var member = new JsonObject { ["attributes"] = new JsonObject { ["type"] = "CampaignMember" }, ["CampaignId"] = campaign, ["ContactId"] = contact };
        var again = (await Json(await _http.PostAsync(Data + "composite/sobjects", Body(new JsonObject { ["allOrNone"] = false, ["records"] = new JsonArray(member) }))))!;
        Assert.Equal("DUPLICATE_VALUE", again[0]!["errors"]![0]!["statusCode"]!.GetValue<string>());
        Assert.Equal(1, _sim.GetCounts().ByKind["listAdd"]);

        var deleted = (await Json(await _http.DeleteAsync($"{Data}composite/sobjects?ids={contact}&allOrNone=false")))!;
        Assert.True(deleted[0]!["success"]!.GetValue<bool>());
        var members = (await Json(await QueryAsync($"SELECT Id FROM CampaignMember WHERE ContactId = '{contact}'")))!;
        Assert.Equal(0, members["totalSize"]!.GetValue<int>());
        var twice = (await Json(await _http.DeleteAsync($"{Data}composite/sobjects?ids={contact}&allOrNone=false")))!;
        Assert.Equal("ENTITY_IS_DELETED", twice[0]!["errors"]![0]!["statusCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Uri_Under16384BytesAnswered_Longer414()
    {
        await AuthorizeAsync();
        var twelveKilobytes = await QueryAsync("SELECT Id FROM Contact WHERE Email IN ('" + new string('a', 12_000) + "')");
        Assert.Equal(HttpStatusCode.OK, twelveKilobytes.StatusCode);
        var answer = await QueryAsync("SELECT Id FROM Contact WHERE Email IN ('" + new string('a', 17_000) + "')");
        Assert.Equal(HttpStatusCode.RequestUriTooLong, answer.StatusCode);
    }

    [Fact]
    public async Task Admin_SeedStateCountsFaultsReset_InTheCommonShapes()
    {
        var seed = await _http.PostAsync("_sim/seed", new StringContent(
            """{"lists":["VIP"],"records":[{"id":"0034S000005YJVl","email":"a@example.com","fields":{"LastName":"A"},"lists":["VIP","New"]},{"id":null,"email":"b@example.com","fields":{},"lists":[]}]}""",
            Encoding.UTF8,
            "application/json"));
        var seeded = (await Json(seed))!;
        Assert.Equal("0034S000005YJVlQAO", seeded["records"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(["VIP", "New"], seeded["lists"]!.AsArray().Select(l => l!["name"]!.GetValue<string>()));

        var state = (await Json(await _http.GetAsync("_sim/state")))!;
        Assert.Equal("A", state["records"]![0]!["fields"]!["LastName"]!.GetValue<string>());
        Assert.Equal(["VIP", "New"], state["records"]![0]!["lists"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal("b@example.com", state["records"]![1]!["email"]!.GetValue<string>());

        await AuthorizeAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await _http.PostAsync("_sim/faults", new StringContent("""{"serverErrorRate":1.0}""", Encoding.UTF8, "application/json"))).StatusCode);
        var failed = await QueryAsync("SELECT Id FROM Contact");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("UNKNOWN_EXCEPTION", (await Json(failed))![0]!["errorCode"]!.GetValue<string>());

        var counts = (await Json(await _http.GetAsync("_sim/counts")))!;
        Assert.Equal(1, counts["byKind"]!["auth"]!.GetValue<long>());
        Assert.Equal(0, counts["rateLimitRejections"]!.GetValue<long>());
        Assert.Equal(1, counts["total"]!.GetValue<long>());

        Assert.Equal(HttpStatusCode.NoContent, (await _http.PostAsync("_sim/reset", null)).StatusCode);
        Assert.Empty(_sim.GetState().Records);
        Assert.Equal(0, _sim.GetCounts().Total);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsync("_sim/seed", new StringContent("""{"records":[{"id":"7014S00000097HcQAI"}]}""", Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task Faults_Drop_AppliesThenLosesTheAnswer()
    {
        await AuthorizeAsync();
        _sim.InjectFaults(new SalesforceFaults { DropRate = 1.0 });
        await Assert.ThrowsAsync<HttpRequestException>(() => _http.PostAsync(Data + "composite/sobjects", Body(new JsonObject { ["allOrNone"] = false, ["records"] = new JsonArray(Contact("d@example.com", "D")) })));
        Assert.Equal(["d@example.com"], _sim.GetState().Records.Select(r => r.Email));
    }

    private Task<HttpResponseMessage> TokenAsync(string id, string secret) =>
        _http.PostAsync("services/oauth2/token", new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"),
            new("client_id", id),
            new("client_secret", secret),
        ]));

    private async Task AuthorizeAsync()
    {
        var token = (await Json(await TokenAsync("highwater-client", "highwater-secret")))!["access_token"]!.GetValue<string>();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private Task<HttpResponseMessage> QueryAsync(string soql) => _http.GetAsync(Data + "query?q=" + Uri.EscapeDataString(soql));

    private static JsonObject Contact(string email, string lastName) =>
        new() { ["attributes"] = new JsonObject { ["type"] = "Contact" }, ["Email"] = email, ["LastName"] = lastName };

    private static StringContent Body(JsonNode json) => new(json.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonNode?> Json(HttpResponseMessage answer) => JsonNode.Parse(await answer.Content.ReadAsStringAsync());
}
