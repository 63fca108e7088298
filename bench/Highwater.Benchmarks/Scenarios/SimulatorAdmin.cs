using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Highwater.Benchmarks.Scenarios;

/// <summary>
/// The admin endpoints every simulator answers under <c>/_sim/</c> (seed, state, counts, faults,
/// reset), driven over HTTP so the runner treats every service alike.
/// </summary>
internal sealed class SimulatorAdmin(HttpClient http)
{
    public async Task SeedAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        var lists = scenario.Lists.Values.Concat(scenario.Remote.SelectMany(r => r.Lists)).Distinct(StringComparer.Ordinal).ToList();
        var body = new
        {
            lists,
            records = scenario.Remote.Select(r => new { id = r.Id, email = r.Email, fields = r.Fields, lists = r.Lists }),
        };
        using var response = await http.PostAsJsonAsync("_sim/seed", body, Scenario.Json, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "seed", cancellationToken).ConfigureAwait(false);
    }

    public async Task FaultsAsync(JsonObject faults, CancellationToken cancellationToken)
    {
        using var content = new StringContent(faults.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("_sim/faults", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "faults", cancellationToken).ConfigureAwait(false);
    }

    public async Task<SimState> StateAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("_sim/state", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "state", cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<SimState>(Scenario.Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("the simulator answered an empty state");
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"the simulator's /_sim/{what} answered HTTP {(int)response.StatusCode}: {text}");
        }
    }
}

internal sealed record SimState
{
    public List<SimRecord> Records { get; init; } = [];

    public List<SimList> Lists { get; init; } = [];
}

internal sealed record SimRecord
{
    public required string Id { get; init; }

    public string? Email { get; init; }

    public Dictionary<string, JsonElement> Fields { get; init; } = [];

    public List<string> Lists { get; init; } = [];
}

internal sealed record SimList(string Id, string Name);
