using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Highwater.Benchmarks.Scenarios;

/// <summary>
/// One export, as a file: the service, its state before, what Highwater last exported, and the batch.
/// The format is a contract (bench/README.md, "The scenario runner"); add to it, never change it.
/// </summary>
internal sealed record Scenario
{
    public required string Service { get; init; }

    public string SyncMode { get; init; } = "sync";

    public Dictionary<string, string> Lists { get; init; } = [];

    public List<RemoteRecord> Remote { get; init; } = [];

    public List<KnownProfile> Known { get; init; } = [];

    public List<ScenarioProfile> Profiles { get; init; } = [];

    /// <summary>
    /// Faults the runner's own simulator injects after seeding (an addition to the contract):
    /// passed as is to <c>POST /_sim/faults</c>, e.g. <c>{"serverErrorRate":0.2,"dropRate":0.2}</c>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Faults { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static Scenario Load(string path)
    {
        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a scenario: {ex.Message}", ex);
        }

        return scenario ?? throw new InvalidDataException($"{path}: empty scenario");
    }
}

internal sealed record RemoteRecord
{
    public string? Id { get; init; }

    public required string Email { get; init; }

    public Dictionary<string, string?> Fields { get; init; } = [];

    public List<string> Lists { get; init; } = [];
}

internal sealed record KnownProfile
{
    public required string Key { get; init; }

    public required string Email { get; init; }

    public string? RemoteId { get; init; }

    public Dictionary<string, string?> Fields { get; init; } = [];

    public List<string> Groups { get; init; } = [];
}

internal sealed record ScenarioProfile
{
    public required string Key { get; init; }

    public required string Email { get; init; }

    public string? PreviousEmail { get; init; }

    public Dictionary<string, string?> Fields { get; init; } = [];

    public List<string> Groups { get; init; } = [];

    public bool Delete { get; init; }
}
