using BenchmarkDotNet.Configs;

namespace Highwater.Benchmarks.Planning;

/// <summary>Adds the profiles-per-second column to the planner benchmarks' summary.</summary>
internal sealed class PlannerBenchmarkConfig : ManualConfig
{
    public PlannerBenchmarkConfig()
    {
        AddColumn(new ProfilesPerSecondColumn());
    }
}
