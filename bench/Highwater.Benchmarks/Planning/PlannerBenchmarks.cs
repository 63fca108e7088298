using BenchmarkDotNet.Attributes;
using Highwater.Connectors.Marketo;
using Highwater.Connectors.Salesforce;

namespace Highwater.Benchmarks.Planning;

/// <summary>
/// Plans 100,000 profiles in batches of 300, both phases, with the lookup answered from memory.
/// Each invocation plans every batch once and counts as 100,000 operations, so Mean and
/// Allocated read per profile.
/// </summary>
/// <remarks>
/// The 100,000 profiles take about 160 MB, far more than the caches, so those benchmarks pay for
/// fetching every profile from memory. The exporter plans a batch right after reading it, while
/// it is still in cache: the one-batch benchmark measures that, planning the same 300 profiles
/// over and over.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(PlannerBenchmarkConfig))]
public class PlannerBenchmarks
{
    private const int Profiles = PlannerWorkload.DefaultProfiles;
    private const int BatchSize = PlannerWorkload.DefaultBatchSize;
    private const int WarmRepeats = Profiles / BatchSize;

    private PlannerWorkload _unchanged = null!;
    private PlannerWorkload _mixed = null!;
    private PlannerWorkload _allNew = null!;
    private PlannerWorkload _mixedSalesforce = null!;
    private PlannerWorkload _oneBatch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _unchanged = PlannerWorkload.Create(WorkloadShape.Unchanged, MarketoService.Capabilities);
        _mixed = PlannerWorkload.Create(WorkloadShape.Mixed, MarketoService.Capabilities);
        _allNew = PlannerWorkload.Create(WorkloadShape.AllNew, MarketoService.Capabilities);
        _mixedSalesforce = PlannerWorkload.Create(WorkloadShape.Mixed, SalesforceService.Capabilities);
        _oneBatch = PlannerWorkload.Create(WorkloadShape.Mixed, MarketoService.Capabilities, profiles: BatchSize);
    }

    /// <summary>
    /// Profiles that need no call: what the field and list diff alone costs. Not the cheapest case
    /// per profile; the mix skips the diff for its deletes and new profiles.
    /// </summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Profiles, Description = "Marketo, unchanged profiles")]
    public int Unchanged() => _unchanged.PlanAll();

    /// <summary>The realistic day: deletes, new profiles, field changes, joins and leaves, e-mail changes.</summary>
    [Benchmark(OperationsPerInvoke = Profiles, Description = "Marketo, mixed")]
    public int Mixed() => _mixed.PlanAll();

    /// <summary>
    /// The heaviest plans: every profile is new, written with all its fields and added to its lists,
    /// so each batch has the most records and calls. On Marketo it needs no lookup and no diff.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Profiles, Description = "Marketo, all new")]
    public int AllNew() => _allNew.PlanAll();

    /// <summary>The same mix for a service whose lookup answers memberships, so every unknown id is looked up.</summary>
    [Benchmark(OperationsPerInvoke = Profiles, Description = "Salesforce, mixed")]
    public int MixedSalesforce() => _mixedSalesforce.PlanAll();

    /// <summary>The mix's first batch planned 333 times: the planner's own cost, with the batch in cache.</summary>
    [Benchmark(OperationsPerInvoke = WarmRepeats * BatchSize, Description = "Marketo, mixed, one batch in cache")]
    public int MixedOneBatchInCache()
    {
        var calls = 0;
        for (var i = 0; i < WarmRepeats; i++)
        {
            calls += _oneBatch.PlanAll();
        }

        return calls;
    }
}
