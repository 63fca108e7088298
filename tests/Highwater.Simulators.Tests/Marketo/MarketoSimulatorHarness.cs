using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Simulators.Marketo;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Simulators.Tests.Marketo;

/// <summary>A simulator on a fake clock with a raw HTTP client that holds a token.</summary>
internal sealed class MarketoSimulatorHarness : IAsyncDisposable
{
    /// <summary>Noon UTC on a Monday: 06:00 or 07:00 in Chicago.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);

    private MarketoSimulatorHarness(MarketoSimulator simulator, FakeTimeProvider time)
    {
        Simulator = simulator;
        Time = time;
        Http = new HttpClient { BaseAddress = simulator.BaseAddress };
    }

    public MarketoSimulator Simulator { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public static async Task<MarketoSimulatorHarness> StartAsync(Action<MarketoSimulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(Start);
        var options = new MarketoSimulatorOptions { TimeProvider = time };
        configure?.Invoke(options);
        return new MarketoSimulatorHarness(await MarketoSimulator.StartAsync(options), time);
    }

    public async Task<JsonObject> TokenAsync(string id = "sim-client", string secret = "sim-secret")
    {
        using var response = await Http.GetAsync($"identity/oauth/token?grant_type=client_credentials&client_id={id}&client_secret={secret}");
        response.EnsureSuccessStatusCode();
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Takes a token and sends it on every later request.</summary>
    public async Task AuthorizeAsync()
    {
        var token = (string)(await TokenAsync())["access_token"]!;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<JsonObject> GetJsonAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async Task<JsonObject> PostJsonAsync(string url, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(url, content);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async Task<JsonObject> SendJsonAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>A lookup of one e-mail: the cheapest metered call.</summary>
    public Task<JsonObject> LookupAsync(string email = "nobody@example.com") => GetJsonAsync("rest/v1/leads.json?filterType=email&filterValues=" + Uri.EscapeDataString(email));

    public static string? ErrorCode(JsonObject answer) => (string?)answer["errors"]?[0]?["code"];

    public static bool Success(JsonObject answer) => (bool)answer["success"]!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
    }

    /// <summary>Reads the body of JSON content posted to an admin endpoint.</summary>
    public static JsonContent Json(object value) => JsonContent.Create(value);
}
