using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Highwater.Benchmarks.Scenarios;

namespace Highwater.Benchmarks.Histories;

/// <summary>A simulator's <c>/_sim/</c> endpoints (reset, seed, faults, state), the same for every service.</summary>
internal sealed class HistoryAdmin(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    public Task ResetAsync() => PostAsync("_sim/reset", new JsonObject());

    public Task SeedAsync(HistoryService service, IReadOnlyList<CrmRecord> crmOnly)
    {
        var records = new JsonArray();
        foreach (var crm in crmOnly)
        {
            var fields = new JsonObject { [service.FirstNameField] = crm.FirstName, [service.CountryField] = crm.Country };
            if (service.LastNameField is { } last)
            {
                fields[last] = crm.FirstName;
            }

            records.Add(new JsonObject { ["email"] = crm.Email, ["fields"] = fields, ["lists"] = new JsonArray([.. crm.Lists.Select(l => JsonValue.Create(l))]) });
        }

        return PostAsync("_sim/seed", new JsonObject
        {
            ["lists"] = new JsonArray("Paying Customers", "Trial Users", "Enterprise Accounts", "Partners"),
            ["records"] = records,
        });
    }

    public Task FaultsAsync(JsonObject faults) => PostAsync("_sim/faults", faults);

    public async Task<SimState> StateAsync()
    {
        using var response = await _http.GetAsync(new Uri("_sim/state", UriKind.Relative)).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<SimState>(Scenario.Json).ConfigureAwait(false)
            ?? throw new InvalidDataException("the simulator answered an empty state");
    }

    public void Dispose() => _http.Dispose();

    private async Task PostAsync(string path, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"the simulator's /{path} answered HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
    }
}
