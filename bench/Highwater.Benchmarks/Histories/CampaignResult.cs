namespace Highwater.Benchmarks.Histories;

/// <summary>The one JSON line of <c>simulate-histories</c> (bench/README.md, "The history simulator").</summary>
internal sealed record CampaignResult
{
    public int Histories { get; init; }

    public int Operations { get; init; }

    public int Faults { get; init; }

    public int Crashes { get; init; }

    public int Failures { get; init; }

    /// <summary>Each failed history as <c>service:seed</c>.</summary>
    public IReadOnlyList<string> SeedsFailed { get; init; } = [];

    public string Mix { get; init; } = "";

    /// <summary>Histories run at once (<c>--workers</c>).</summary>
    public int Workers { get; init; }

    public double Seconds { get; init; }

    /// <summary>Mean real time per history, in milliseconds, by service (each history's own time on its worker, while the others ran beside it).</summary>
    public IReadOnlyDictionary<string, double> MillisecondsPerHistory { get; init; } = new Dictionary<string, double>();
}
