using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Highwater.Connectors;
using Highwater.Simulators;

namespace Highwater.Benchmarks.Day;

/// <summary>
/// <c>day [--service NAME] --changes-per-minute N [--bursty] [--date 2026-03-04] [--seed 1] [--trace]</c>:
/// one simulated day; details on standard error (with <c>--trace</c>, the scheduler's forecast every
/// 30 minutes of the day), one JSON line last on standard output.
/// </summary>
internal static class DayCommand
{
    public const string Name = "day";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    // The planner allocates a few arrays over 85 KB for each batch of thousands of rows; on the
    // large-object heap each one counts toward a full collection, which an overloaded day then ran
    // hundreds of times (a third of its wall time). Above this size they stay young and die young.
    private const string LargeObjectThreshold = "DOTNET_GCLOHThreshold";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter log)
    {
        if (Environment.GetEnvironmentVariable(LargeObjectThreshold) is null)
        {
            // The GC reads it only at start-up, and the other benchmarks keep the default: run the
            // day in a child process with it set.
            return await RunInChildAsync(args);
        }

        var service = Option(args, "--service", "marketo");
        if (!ServiceModules.TryGet(service, out var module))
        {
            await log.WriteLineAsync($"day: --service must be one of {string.Join(", ", ServiceModules.Kinds)} (was {service})");
            return 2;
        }

        var perMinute = double.Parse(Option(args, "--changes-per-minute", "100"), CultureInfo.InvariantCulture);
        var date = DateOnly.Parse(Option(args, "--date", "2026-03-04"), CultureInfo.InvariantCulture);
        var seed = int.Parse(Option(args, "--seed", "1"), CultureInfo.InvariantCulture);
        var bursty = args.Contains("--bursty");
        TimeSpan? trace = args.Contains("--trace") ? TimeSpan.FromMinutes(30) : null;
        // The account as a user would configure it: its zone, where the service's day is the account's.
        var zone = SimulatorModules.TryGet(module.Kind, out var simulator) ? simulator.Harness.TimeZone : null;
        var result = await new DaySimulation(module, zone, perMinute, bursty, date, seed, log, trace).RunAsync(CancellationToken.None);
        await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
        return 0;
    }

    private static async Task<int> RunInChildAsync(string[] args)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(DayCommand).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[LargeObjectThreshold] = "0x400000";
        using var child = Process.Start(start)!;
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
