using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Highwater.Simulators.HubSpot;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Simulators.Tests.HubSpot;

/// <summary>The simulator's <c>POST /oauth/v1/token</c> and contact properties, in HubSpot's wire format.</summary>
public sealed class HubSpotSimulatorOAuthTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly HubSpotSimulatorOptions Defaults = new();

    [Fact]
    public async Task Token_RefreshGrant_AnswersABearerFor1800Seconds_ThatOpensTheApiUntilItEnds()
    {
        var time = new FakeTimeProvider(Start);
        await using var simulator = await HubSpotSimulator.StartAsync(new HubSpotSimulatorOptions { TimeProvider = time });
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };

        var (status, body) = await TokenAsync(http, Defaults.ClientId, Defaults.ClientSecret, Defaults.RefreshToken);
        var token = body!["access_token"]!.GetValue<string>();
        var during = await PropertiesStatusAsync(http, token);
        time.Advance(TimeSpan.FromSeconds(1800));
        using var after = await PropertiesAsync(http, token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("bearer", 1800L, Defaults.RefreshToken), (body["token_type"]!.GetValue<string>(), body["expires_in"]!.GetValue<long>(), body["refresh_token"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, during);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var refused = JsonNode.Parse(await after.Content.ReadAsStringAsync())!;
        Assert.Equal(("EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired 0 minute(s) ago."), (refused["category"]!.GetValue<string>(), refused["message"]!.GetValue<string>()));
        Assert.Equal(1, simulator.GetCounts().Of("auth"));
    }

    [Theory]
    [InlineData("wrong-client", "sim-hubspot-client-secret", "na1-sim0-refresh-token", "BAD_CLIENT_ID")]
    [InlineData("5f1d2c3b-sim0-4a1b-9c8d-hubspot00001", "wrong-secret", "na1-sim0-refresh-token", "BAD_CLIENT_ID")]
    [InlineData("5f1d2c3b-sim0-4a1b-9c8d-hubspot00001", "sim-hubspot-client-secret", "wrong-refresh", "BAD_REFRESH_TOKEN")]
    public async Task Token_WrongClientOrRefreshToken_400WithHubSpotsStatus_NoToken(string clientId, string secret, string refresh, string expected)
    {
        await using var simulator = await HubSpotSimulator.StartAsync(new HubSpotSimulatorOptions { TimeProvider = new FakeTimeProvider(Start) });
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };

        var (status, body) = await TokenAsync(http, clientId, secret, refresh);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(expected, body!["status"]!.GetValue<string>());
        Assert.Null(body["access_token"]);
        Assert.Equal(0, simulator.OAuthTokensIssued);
    }

    [Fact]
    public async Task Properties_AnswerHubSpotsPropertyObjects_ReadOnlyOnesMarked_ACustomOneNotHubSpotDefined()
    {
        await using var simulator = await HubSpotSimulator.StartAsync(new HubSpotSimulatorOptions { TimeProvider = new FakeTimeProvider(Start) });
        simulator.Seed(new HubSpotSeed { Properties = ["plan_tier"] });
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };

        using var answer = await PropertiesAsync(http, Defaults.AccessToken);
        var results = (JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["results"] as JsonArray)!.OfType<JsonObject>().ToDictionary(p => p["name"]!.GetValue<string>());

        var firstname = results["firstname"];
        Assert.Equal(("First Name", "string", "text", "contactinformation"), (Text(firstname, "label"), Text(firstname, "type"), Text(firstname, "fieldType"), Text(firstname, "groupName")));
        Assert.True(firstname["hubspotDefined"]!.GetValue<bool>());
        Assert.False(firstname["modificationMetadata"]!["readOnlyValue"]!.GetValue<bool>());
        foreach (var key in (string[])["updatedAt", "createdAt", "description", "options", "displayOrder", "calculated", "externalOptions", "hasUniqueValue", "hidden", "formField", "archived"])
        {
            Assert.True(firstname.ContainsKey(key), $"firstname has no {key}");
        }

        Assert.Equal(("datetime", "date", true), (Text(results["createdate"], "type"), Text(results["createdate"], "fieldType"), results["createdate"]["modificationMetadata"]!["readOnlyValue"]!.GetValue<bool>()));
        Assert.Equal(8, results["lifecyclestage"]["options"]!.AsArray().Count);
        Assert.False(results["plan_tier"]["hubspotDefined"]!.GetValue<bool>());
        Assert.True(results["email"]["hasUniqueValue"]!.GetValue<bool>());
    }

    private static string? Text(JsonObject property, string key) => property[key]?.GetValue<string>();

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> TokenAsync(HttpClient http, string clientId, string secret, string refresh)
    {
        using var answer = await http.PostAsync("oauth/v1/token", new FormUrlEncodedContent(
        [
            new("grant_type", "refresh_token"),
            new("client_id", clientId),
            new("client_secret", secret),
            new("refresh_token", refresh),
        ]));
        return (answer.StatusCode, JsonNode.Parse(await answer.Content.ReadAsStringAsync()));
    }

    private static async Task<HttpStatusCode> PropertiesStatusAsync(HttpClient http, string token)
    {
        using var answer = await PropertiesAsync(http, token);
        return answer.StatusCode;
    }

    private static async Task<HttpResponseMessage> PropertiesAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "crm/v3/properties/contacts");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
