using System.Diagnostics;
using System.Text.Json;
using Highwater.Connectors;
using Highwater.Connectors.Marketo;
using Highwater.Core.Capabilities;

namespace Highwater.Benchmarks.Planning;

/// <summary>
/// The quick end-to-end figure: plans the mixed workload (Marketo's, or another service's with <c>--service</c>) <see cref="Runs"/> times with a
/// stopwatch and prints one JSON line, in seconds rather than BenchmarkDotNet's minutes.
/// </summary>
internal static class PlannerQuick
{
    public const string Command = "planner-quick";
    public const int Runs = 20;
    private const int WarmupRuns = 3;
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(2);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static PlannerQuickResult Measure(ServiceCapabilities service)
    {
        var workload = PlannerWorkload.Create(WorkloadShape.Mixed, service);

        // Let tiered compilation reach its optimized code before the clock starts: it recompiles
        // hot methods in the background, a while after they get hot, so warm up for a time too.
        var calls = 0;
        var warming = Stopwatch.StartNew();
        for (var run = 0; run < WarmupRuns || warming.Elapsed < WarmupTime; run++)
        {
            calls = workload.PlanAll();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var collectionsBefore = GC.CollectionCount(0);
        var pausedBefore = GC.GetTotalPauseDuration();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        for (var run = 0; run < Runs; run++)
        {
            if (workload.PlanAll() != calls)
            {
                throw new InvalidOperationException("the planner planned a different number of calls for the same batches");
            }
        }

        stopwatch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var collections = GC.CollectionCount(0) - collectionsBefore;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var planned = (double)workload.Profiles * Runs;
        return new PlannerQuickResult(
            Service: service.Service,
            Profiles: workload.Profiles,
            BatchSize: workload.Batches[0].Length,
            Runs: Runs,
            ProfilesPerSecond: Math.Round(planned / stopwatch.Elapsed.TotalSeconds),
            ProfilesPerCpuSecond: Math.Round(planned / cpu.TotalSeconds),
            AllocatedBytesPerProfile: Math.Round(allocated / planned, 1),
            Calls: calls,
            Collections: collections,
            CollectorPauseShare: Math.Round(paused / stopwatch.Elapsed, 3));
    }

    /// <summary>Runs the mix for the service named by <c>--service</c> (Marketo when not given); 2 when the arguments are wrong.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var service = MarketoService.Capabilities;
        if (args is ["--service", var name])
        {
            if (!ServiceModules.TryGet(name, out var named))
            {
                error.WriteLine($"planner-quick: --service: unknown service '{name}' (known: {string.Join(", ", ServiceModules.Kinds.Order(StringComparer.Ordinal))})");
                return 2;
            }

            service = named.Capabilities;
        }
        else if (args.Length > 0)
        {
            error.WriteLine($"planner-quick: unexpected arguments '{string.Join(' ', args)}' (usage: planner-quick [--service NAME])");
            return 2;
        }

        output.WriteLine(JsonSerializer.Serialize(Measure(service), Json));
        return 0;
    }
}
