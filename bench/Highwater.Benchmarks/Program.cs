using System.Globalization;
using BenchmarkDotNet.Running;
using Highwater.Benchmarks.Day;
using Highwater.Benchmarks.Histories;
using Highwater.Benchmarks.Ingest;
using Highwater.Benchmarks.Planning;
using Highwater.Benchmarks.Scenarios;

// `planner-quick [--service marketo|salesforce]` prints one JSON line in seconds; anything else goes to BenchmarkDotNet
// (`--filter '*Planner*'`, `--job short`, `--list flat`, ...).
if (args is [PlannerQuick.Command, ..])
{
    return PlannerQuick.Run(args[1..], Console.Out, Console.Error);
}

switch (args.FirstOrDefault())
{
    case "poll-scale": return await IngestBench.PollScaleAsync(args, Console.Out);
    case "ingest": return await IngestBench.IngestAsync(args, Console.Out);
    case "ingest-load": return await IngestBench.IngestLoadAsync(args[1], Console.Out);
    case "coalesce": return await IngestBench.CoalesceAsync(args, Console.Out);
    case ScenarioRunner.Command: return await ScenarioRunner.RunAsync(args, Console.Out);
    case ScenarioMaker.Command: return ScenarioMaker.Run(args, Console.Out);
    case HistoryCampaign.Command: return await HistoryCampaign.RunAsync(args, Console.Out, Console.Error);
    case DayCommand.Name: return await DayCommand.RunAsync(args, Console.Out, Console.Error);
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
foreach (var summary in summaries)
{
    foreach (var report in summary.Reports)
    {
        if (ProfilesPerSecondColumn.PerSecond(report) is not { } perSecond)
        {
            continue;
        }

        var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{report.BenchmarkCase.Descriptor.DisplayInfo}: {perSecond:N0} profiles/s, {allocated:N0} B allocated per profile"));
    }
}

return 0;
