using System.Text.Json.Serialization;

namespace Highwater.Benchmarks.Scenarios;

/// <summary>The one JSON line the runner prints last. A contract: add fields, never change these.</summary>
internal sealed record ScenarioReport
{
    [JsonPropertyOrder(0)]
    public required string Service { get; init; }

    [JsonPropertyOrder(1)]
    public required long Calls { get; init; }

    [JsonPropertyOrder(2)]
    public required SortedDictionary<string, long> CallsByKind { get; init; }

    [JsonPropertyOrder(3)]
    public required long MetadataCalls { get; init; }

    [JsonPropertyOrder(4)]
    public required int Rejected { get; init; }

    [JsonPropertyOrder(5)]
    public required int RateLimitErrors { get; init; }

    [JsonPropertyOrder(6)]
    public required bool? Converged { get; init; }

    /// <summary>Why it did not converge: the first differences found (absent when it did, or when not checked).</summary>
    [JsonPropertyOrder(7)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Differences { get; init; }

    /// <summary>Profiles the export left to retry (a call failed as a whole).</summary>
    [JsonPropertyOrder(8)]
    public int RetryLater { get; init; }
}
