using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Simulators.Eloqua;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Simulators.Tests.Eloqua;

/// <summary>The Eloqua simulator over HTTP on 127.0.0.1: login, admin shapes, bulk syncs, staging limit, REST shapes.</summary>
public sealed class EloquaSimulatorTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private EloquaSimulator? _sim;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_sim is not null)
        {
            await _sim.DisposeAsync();
        }
    }

    [Fact]
    public async Task Login_GoodCredentialsNameThePod_BadOnesAreNotAuthenticated()
    {
        await StartAsync();

        var good = await SendAsync(HttpMethod.Get, "id");
        var bad = await SendAsync(HttpMethod.Get, "id", password: "wrong");
        var rest = await SendAsync(HttpMethod.Get, "api/REST/1.0/data/contacts?search=emailAddress='a@x.com'", password: "wrong");

        Assert.Equal(_sim!.BaseAddress.ToString().TrimEnd('/'), (string?)good.Body!["urls"]!["base"]);
        Assert.Equal((HttpStatusCode.OK, "Not authenticated."), (bad.Status, bad.Body!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Unauthorized, rest.Status);
    }

    [Fact]
    public async Task Admin_SeedStateCountsFaultsReset_SpeakTheCommonShapes()
    {
        await StartAsync();
        using var seed = await _http.PostAsync(new Uri(_sim!.BaseAddress, "_sim/seed"), Json("""
            {"lists":["VIP"],"records":[{"id":"1986113","email":"a@example.com","fields":{"firstName":"Ann"},"lists":["VIP"]},{"id":null,"email":"b@example.com","fields":{},"lists":[]}]}
            """));
        await SendAsync(HttpMethod.Get, "api/REST/1.0/data/contacts?search=C_EmailAddress=a@example.com&depth=partial");
        using var faults = await _http.PostAsync(new Uri(_sim.BaseAddress, "_sim/faults"), Json("""{"syncPolls":2,"spentToday":5}"""));
        var state = JsonNode.Parse(await _http.GetStringAsync(new Uri(_sim.BaseAddress, "_sim/state")))!;
        var counts = JsonNode.Parse(await _http.GetStringAsync(new Uri(_sim.BaseAddress, "_sim/counts")))!;

        Assert.Equal(HttpStatusCode.OK, seed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, faults.StatusCode);
        var first = state["records"]![0]!;
        Assert.Equal(("1986113", "a@example.com", "Ann"), ((string?)first["id"], (string?)first["email"], (string?)first["fields"]!["firstName"]));
        Assert.Equal(["VIP"], first["lists"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(2, state["records"]!.AsArray().Count);
        Assert.Equal((1L, 1L, 0L), ((long)counts["byKind"]!["lookup"]!, (long)counts["total"]!, (long)counts["rateLimitRejections"]!));

        using var reset = await _http.PostAsync(new Uri(_sim.BaseAddress, "_sim/reset"), null);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Empty(_sim.GetState().Records);
        Assert.Equal(0, _sim.GetCounts().Total);
    }

    [Fact]
    public async Task Sync_StaysPendingThenActive_AppliesNothingUntilItsLastPoll_ThenLogsAndRejects()
    {
        await StartAsync();
        _sim!.SetFaults(new EloquaFaults { SyncPolls = 3 });
        var definition = await SendAsync(HttpMethod.Post, "api/bulk/2.0/contacts/imports", """
            {"name":"t","identifierFieldName":"emailAddress","fields":{"emailAddress":"{{Contact.Field(C_EmailAddress)}}","firstName":"{{Contact.Field(C_FirstName)}}"}}
            """);
        var uri = (string)definition.Body!["uri"]!;
        var upload = await SendAsync(HttpMethod.Post, $"api/bulk/2.0{uri}/data", """[{"emailAddress":"a@example.com","firstName":"Ann"},{"emailAddress":"nope","firstName":"X"}]""");
        var sync = await SendAsync(HttpMethod.Post, "api/bulk/2.0/syncs", $$"""{"syncedInstanceUri":"{{uri}}"}""");
        var syncUri = (string)sync.Body!["uri"]!;

        var statuses = new List<string>();
        for (var poll = 0; poll < 4; poll++)
        {
            statuses.Add((string)(await SendAsync(HttpMethod.Get, "api/bulk/2.0" + syncUri)).Body!["status"]!);
            if (poll < 3)
            {
                Assert.Empty(_sim.GetState().Records);
            }
        }

        var logs = (await SendAsync(HttpMethod.Get, $"api/bulk/2.0{syncUri}/logs")).Body!;
        var rejects = (await SendAsync(HttpMethod.Get, $"api/bulk/2.0{syncUri}/rejects")).Body!;

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.NoContent, "pending"), (definition.Status, upload.Status, (string?)sync.Body["status"]));
        Assert.Equal(["pending", "pending", "active", "warning"], statuses);
        Assert.Equal("a@example.com", Assert.Single(_sim.GetState().Records).Email);
        Assert.Contains(logs["items"]!.AsArray(), l => (string?)l!["statusCode"] == "ELQ-00004" && (int)l["count"]! == 1);
        var reject = Assert.Single(rejects["items"]!.AsArray())!;
        Assert.Equal(("nope", "ELQ-00002", 2), ((string?)reject["fieldValues"]!["emailAddress"], (string?)reject["statusCode"], (int)reject["recordIndex"]!));
    }

    [Fact]
    public async Task Staging_AnUploadOverTheLimitIsAnswered404_AsTheBulkApiDoes()
    {
        await StartAsync(o => o.MaxStagingBytes = 100);
        var definition = await SendAsync(HttpMethod.Post, "api/bulk/2.0/contacts/imports", """
            {"name":"t","identifierFieldName":"emailAddress","fields":{"emailAddress":"{{Contact.Field(C_EmailAddress)}}"}}
            """);

        var upload = await SendAsync(HttpMethod.Post, $"api/bulk/2.0{(string)definition.Body!["uri"]!}/data", "[" + string.Join(",", Enumerable.Repeat("""{"emailAddress":"a@example.com"}""", 10)) + "]");

        Assert.Equal(HttpStatusCode.NotFound, upload.Status);
    }

    [Fact]
    public async Task Definitions_UnknownFieldOrListIsAValidationFailure()
    {
        await StartAsync();

        var field = await SendAsync(HttpMethod.Post, "api/bulk/2.0/contacts/imports", """
            {"name":"t","identifierFieldName":"emailAddress","fields":{"emailAddress":"{{Contact.Field(C_EmailAddress)}}","x":"{{Contact.Field(C_Nope)}}"}}
            """);
        var list = await SendAsync(HttpMethod.Post, "api/bulk/2.0/contacts/syncActions", """
            {"name":"t","identifierFieldName":"emailAddress","fields":{"emailAddress":"{{Contact.Field(C_EmailAddress)}}"},"syncActions":[{"action":"add","destination":"{{ContactList[42]}}"}]}
            """);

        Assert.Equal((HttpStatusCode.BadRequest, "{{Contact.Field(C_Nope)}}"), (field.Status, (string?)field.Body!["failures"]![0]!["value"]));
        Assert.Equal((HttpStatusCode.BadRequest, "syncActions.destination"), (list.Status, (string?)list.Body!["failures"]![0]!["field"]));
    }

    [Fact]
    public async Task ContactList_PutWithMembershipAdditionsAndDeletions_AnswersTheRecordedShape()
    {
        await StartAsync();
        var seeded = _sim!.Seed(new EloquaSeed { Lists = ["VIP"], Records = [new EloquaSeedRecord { Id = "1", Email = "a@example.com", Lists = ["VIP"] }, new EloquaSeedRecord { Id = "2", Email = "b@example.com" }] });
        var listId = seeded.Lists[0].Id;

        var put = await SendAsync(HttpMethod.Put, $"api/REST/1.0/assets/contact/list/{listId}", $$"""{"id":"{{listId}}","name":"VIP","membershipAdditions":["2"],"membershipDeletions":["1"]}""");
        var membership = await SendAsync(HttpMethod.Get, "api/REST/2.0/data/contact/2/membership");

        Assert.Equal((HttpStatusCode.OK, "ContactList", "1"), (put.Status, (string?)put.Body!["type"], (string?)put.Body["count"]));
        Assert.Equal(listId, (string?)membership.Body![0]!["id"]);
        Assert.Empty(_sim.GetState().Records.Single(r => r.Id == "1").Lists);
    }

    private async Task StartAsync(Action<EloquaSimulatorOptions>? configure = null)
    {
        var options = new EloquaSimulatorOptions { TimeProvider = _time };
        configure?.Invoke(options);
        _sim = await EloquaSimulator.StartAsync(options);
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? body = null, string password = "sim-password")
    {
        using var request = new HttpRequestMessage(method, new Uri(_sim!.BaseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"HighwaterSim\\Api.User:{password}")));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrEmpty(text) || response.Content.Headers.ContentType?.MediaType != "application/json" ? null : JsonNode.Parse(text));
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
