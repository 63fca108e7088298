namespace Highwater.Benchmarks.Planning;

/// <summary>The quick mode's figures, printed as one JSON line.</summary>
/// <param name="Service">The service whose capabilities the planner planned for.</param>
/// <param name="Profiles">Profiles planned per run.</param>
/// <param name="BatchSize">Profiles per batch.</param>
/// <param name="Runs">Timed runs over all the profiles.</param>
/// <param name="ProfilesPerSecond">Profiles planned per second on one thread.</param>
/// <param name="ProfilesPerCpuSecond">
/// Profiles planned per second of the process's CPU time (every thread, the collector's too): less
/// sensitive than the wall clock to other jobs taking the cores away.
/// </param>
/// <param name="AllocatedBytesPerProfile">Bytes allocated per profile planned.</param>
/// <param name="Calls">API calls the plans of one run make.</param>
/// <param name="Collections">Collections (of any generation) during the timed runs.</param>
/// <param name="CollectorPauseShare">Share of the timed runs' wall-clock time the collector paused the planner.</param>
internal sealed record PlannerQuickResult(
    string Service, int Profiles, int BatchSize, int Runs, double ProfilesPerSecond, double ProfilesPerCpuSecond, double AllocatedBytesPerProfile, int Calls, int Collections, double CollectorPauseShare);
