using System.Globalization;
using System.Text.Json;

namespace Highwater.Benchmarks.Day;

/// <summary>
/// <c>day --service marketo --changes-per-minute N [--bursty] [--date 2026-03-04] [--seed 1]</c>: one
/// simulated day; details on standard error, one JSON line last on standard output.
/// </summary>
internal static class DayCommand
{
    public const string Name = "day";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter log)
    {
        var service = Option(args, "--service", "marketo");
        if (!string.Equals(service, "marketo", StringComparison.OrdinalIgnoreCase))
        {
            await log.WriteLineAsync($"day: only --service marketo is simulated (was {service})");
            return 2;
        }

        var perMinute = double.Parse(Option(args, "--changes-per-minute", "100"), CultureInfo.InvariantCulture);
        var date = DateOnly.Parse(Option(args, "--date", "2026-03-04"), CultureInfo.InvariantCulture);
        var seed = int.Parse(Option(args, "--seed", "1"), CultureInfo.InvariantCulture);
        var bursty = args.Contains("--bursty");
        var result = await new DaySimulation(perMinute, bursty, date, seed, log).RunAsync(CancellationToken.None);
        await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
        return 0;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
