using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Simulators.Pardot;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Simulators.Tests.Pardot;

/// <summary>A simulator on a fake clock with a raw HTTP client that holds a session and names the business unit.</summary>
internal sealed class PardotSimulatorHarness : IAsyncDisposable
{
    /// <summary>Noon UTC on a Monday: 07:00 in New York.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);

    private PardotSimulatorHarness(PardotSimulator simulator, FakeTimeProvider time)
    {
        Simulator = simulator;
        Time = time;
        Http = new HttpClient { BaseAddress = simulator.BaseAddress };
    }

    public PardotSimulator Simulator { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public static async Task<PardotSimulatorHarness> StartAsync(Action<PardotSimulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(Start);
        var options = new PardotSimulatorOptions { TimeProvider = time };
        configure?.Invoke(options);
        return new PardotSimulatorHarness(await PardotSimulator.StartAsync(options), time);
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> TokenAsync(string id = "sim-client", string secret = "sim-secret")
    {
        using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", id), new("client_secret", secret)]);
        using var response = await Http.PostAsync(new Uri("services/oauth2/token", UriKind.Relative), form);
        return (response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Takes a session and sends it, with the business unit, on every later request.</summary>
    public async Task AuthorizeAsync()
    {
        var token = (string)(await TokenAsync()).Body["access_token"]!;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Http.DefaultRequestHeaders.Remove("Pardot-Business-Unit-Id");
        Http.DefaultRequestHeaders.Add("Pardot-Business-Unit-Id", Simulator.BusinessUnitId);
    }

    public async Task<(HttpStatusCode Status, JsonObject? Body)> SendAsync(HttpMethod method, string url, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = content };
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = response.Content.Headers.ContentType?.MediaType == "application/json";
        return (response.StatusCode, json && text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null);
    }

    public Task<(HttpStatusCode Status, JsonObject? Body)> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    public async Task<(HttpStatusCode Status, string Text)> GetTextAsync(string url)
    {
        using var response = await Http.GetAsync(new Uri(url, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<(HttpStatusCode Status, JsonObject? Body)> ReadByEmailAsync(string email) =>
        GetAsync($"api/prospect/version/4/do/read/email/{Uri.EscapeDataString(email)}?format=json");

    /// <summary><c>batchUpsert</c> with <c>prospects</c> as a multipart form field, as the recording sends it.</summary>
    public Task<(HttpStatusCode Status, JsonObject? Body)> BatchUpsertAsync(string prospectsJson)
    {
        var form = new MultipartFormDataContent { { new StringContent(prospectsJson), "prospects" } };
        return SendAsync(HttpMethod.Post, "api/prospect/version/4/do/batchUpsert?format=json", form);
    }

    public Task<(HttpStatusCode Status, JsonObject? Body)> PostJsonAsync(string url, string json, HttpMethod? method = null) =>
        SendAsync(method ?? HttpMethod.Post, url, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<(HttpStatusCode Status, JsonObject? Body)> UploadBatchAsync(long importId, string csv)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "batch.csv" } };
        return SendAsync(HttpMethod.Post, $"api/v5/imports/{importId}/batches", form);
    }

    public static int? ErrorCode(JsonObject? answer) => (int?)answer?["@attributes"]?["err_code"];

    public PardotSimRecord Prospect(string email) => Simulator.GetState().Records.Single(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
    }
}
