using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Highwater.Simulators.Modules;

/// <summary>
/// The <c>/_sim/</c> admin endpoints every simulator answers alike (docs/simulators.md), driven over
/// HTTP, so that a harness treats every service the same: seed, state, counts, faults, reset.
/// </summary>
/// <param name="http">A client whose base address is the simulator's.</param>
public sealed class SimulatorAdminClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary><c>POST /_sim/seed</c>: <c>{"lists":[names],"records":[{"id","email","fields":{by the service's names},"lists":[names]}]}</c>.</summary>
    public Task SeedAsync(JsonObject seed, CancellationToken cancellationToken) => PostAsync("_sim/seed", seed, cancellationToken);

    /// <summary><c>POST /_sim/faults</c>: the common faults (<c>serverErrorRate</c>, <c>slowMillis</c>, <c>dropRate</c>, <c>expireTokens</c>, <c>refuseCredentials</c>, <c>spentToday</c>) and the service's own.</summary>
    public Task FaultsAsync(JsonObject faults, CancellationToken cancellationToken) => PostAsync("_sim/faults", faults, cancellationToken);

    /// <summary><c>POST /_sim/reset</c>: forgets every record, list, count and fault.</summary>
    public Task ResetAsync(CancellationToken cancellationToken) => PostAsync("_sim/reset", new JsonObject(), cancellationToken);

    /// <summary><c>GET /_sim/state</c>: every record with its fields and lists, and every list.</summary>
    public async Task<SimulatorState> StateAsync(CancellationToken cancellationToken)
    {
        var state = await GetAsync("_sim/state", cancellationToken).ConfigureAwait(false);
        var records = (state["records"] as JsonArray ?? []).OfType<JsonObject>().Select(r => new SimulatorRecord(
            Text(r["id"]) ?? "",
            Text(r["email"]),
            (r["fields"] as JsonObject ?? []).ToDictionary(f => f.Key, f => Text(f.Value), StringComparer.Ordinal),
            [.. (r["lists"] as JsonArray ?? []).Select(Text).OfType<string>()]));
        var lists = (state["lists"] as JsonArray ?? []).OfType<JsonObject>().Select(l => new SimulatorList(Text(l["id"]) ?? "", Text(l["name"]) ?? ""));
        return new SimulatorState([.. records], [.. lists]);
    }

    /// <summary><c>GET /_sim/counts</c>: requests answered by kind, refusals, the total.</summary>
    public async Task<SimulatorCounts> CountsAsync(CancellationToken cancellationToken)
    {
        var counts = await GetAsync("_sim/counts", cancellationToken).ConfigureAwait(false);
        return new SimulatorCounts(
            (counts["byKind"] as JsonObject ?? []).ToDictionary(k => k.Key, k => k.Value?.GetValue<long>() ?? 0, StringComparer.Ordinal),
            counts["rateLimitRejections"]?.GetValue<long>() ?? 0,
            counts["recordRejections"]?.GetValue<long>() ?? 0,
            counts["total"]?.GetValue<long>() ?? 0);
    }

    /// <summary>A JSON value as text: a string as it is, null as null, anything else as its JSON.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private async Task<JsonObject> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, path, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<JsonObject>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the simulator's /{path} answered an empty body");
    }

    private async Task PostAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, path, cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"the simulator's /{path} answered HTTP {(int)response.StatusCode}: {text}");
        }
    }
}
