using BenchmarkDotNet.Attributes;
using Highwater.Core.Capabilities;

namespace Highwater.Benchmarks.Planning;

/// <summary>
/// Plans 100,000 profiles in batches of 300, both phases, with the lookup answered from memory.
/// Each invocation plans every batch once and counts as 100,000 operations, so Mean and
/// Allocated read per profile.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PlannerBenchmarkConfig))]
public class PlannerBenchmarks
{
    private const int Profiles = PlannerWorkload.DefaultProfiles;

    private PlannerWorkload _unchanged = null!;
    private PlannerWorkload _mixed = null!;
    private PlannerWorkload _allNew = null!;
    private PlannerWorkload _mixedSalesforce = null!;

    [GlobalSetup]
    public void Setup()
    {
        _unchanged = PlannerWorkload.Create(WorkloadShape.Unchanged, KnownServices.Marketo);
        _mixed = PlannerWorkload.Create(WorkloadShape.Mixed, KnownServices.Marketo);
        _allNew = PlannerWorkload.Create(WorkloadShape.AllNew, KnownServices.Marketo);
        _mixedSalesforce = PlannerWorkload.Create(WorkloadShape.Mixed, KnownServices.Salesforce);
    }

    /// <summary>The floor: every profile is diffed and found unchanged, so no call is planned.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Profiles, Description = "Marketo, unchanged profiles")]
    public int Unchanged() => _unchanged.PlanAll();

    /// <summary>The realistic day: deletes, new profiles, field changes, joins and leaves, e-mail changes.</summary>
    [Benchmark(OperationsPerInvoke = Profiles, Description = "Marketo, mixed")]
    public int Mixed() => _mixed.PlanAll();

    /// <summary>The worst case: every profile is new, carries all its fields and joins its lists.</summary>
    [Benchmark(OperationsPerInvoke = Profiles, Description = "Marketo, all new")]
    public int AllNew() => _allNew.PlanAll();

    /// <summary>The same mix for a service whose lookup answers memberships, so every unknown id is looked up.</summary>
    [Benchmark(OperationsPerInvoke = Profiles, Description = "Salesforce, mixed")]
    public int MixedSalesforce() => _mixedSalesforce.PlanAll();
}
