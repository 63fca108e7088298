using System.Globalization;
using System.Text.RegularExpressions;
using Highwater.Connectors;
using Highwater.Connectors.Modules;
using Highwater.Core.Governor;
using Highwater.Core.Scheduling;
using Highwater.Engine.Running;

namespace Highwater.Engine.Configuration;

public static partial class ConfigLoader
{
    /// <summary>
    /// Where each setting the engine checks when it opens comes from in the file, by the engine's
    /// name for it (a suffix of the problem's setting): the first of the file's settings that is
    /// written carries the problem and its line; a hint may follow the engine's message. The
    /// service's own sources (<see cref="IServiceModule.ProblemSources"/>) come between the
    /// scheduler's and policy's and the service URLs', and each credential key of the service is
    /// reported at <c>credentials.KEY</c>.
    /// </summary>
    private static readonly (string Engine, string[] File, string? Hint)[] SchedulerAndPolicySettings =
    [
        ("batchWindow", ["window"], "set adaptive: false for a fixed window outside it"),
        ("minWindow", ["window"], null),
        ("maxWindow", ["window"], null),
        ("maxBatchSize", ["batchSize"], null),
        ("batchSize", ["batchSize"], null),
        ("mode", ["adaptive"], null),
        (".limit", ["limits.daily", "limits"], null),
        (".reserve", ["limits.reserve", "limits.daily", "limits"], null),
        (".timeZone", ["limits.timeZone", "limits"], null),
        ("concurrencyLimit", ["limits.concurrency", "limits"], null),
    ];

    private static readonly (string Engine, string[] File, string? Hint)[] ServiceUrlSettings =
    [
        ("loginUrl", ["baseUrl"], null),
        ("baseAddress", ["baseUrl"], null),
        ("baseUrl", ["baseUrl"], null),
    ];

    private static (string Engine, string[] File, string? Hint)[] EngineSettings(IServiceModule service) =>
    [
        .. SchedulerAndPolicySettings,
        .. service.ProblemSources.Select(s => (s.Engine, s.File.ToArray(), (string?)null)),
        .. ServiceUrlSettings,
        .. service.Credentials.Select(key => (key, new[] { $"credentials.{key}", "credentials" }, (string?)null)),
    ];

    /// <summary>
    /// Runs on <paramref name="destination"/> the very checks the engine runs when it opens (the
    /// batch scheduler's, the rate policy's, the connector's options and the planner's), so a file
    /// that validates also opens; each problem is reported at the line of the setting it comes from.
    /// </summary>
    private static void CheckEngineRules(YamlScope scope, DestinationConfig destination)
    {
        var problems = new List<string>();
        problems.AddRange(BatchScheduler.Validate(HighwaterEngine.SchedulerOptionsFor(destination)));
        problems.AddRange(RatePolicy.Validate(ConnectorCatalog.Policy(destination)));
        problems.AddRange(ConnectorCatalog.Validate(destination));
        var service = ServiceModules.Get(destination.Kind);
        problems.AddRange(service.Capabilities.Validate());
        var engineSettings = EngineSettings(service);
        foreach (var problem in problems)
        {
            var colon = problem.IndexOf(": ", StringComparison.Ordinal);
            var setting = colon > 0 ? problem[..colon] : "";
            var message = Durations().Replace(colon > 0 ? problem[(colon + 2)..] : problem, m => TimeSpan.TryParse(m.Value, CultureInfo.InvariantCulture, out var span) ? ConfigDuration.Format(span) : m.Value);
            var index = Array.FindIndex(engineSettings, s => setting.EndsWith(s.Engine, StringComparison.Ordinal));
            if (index < 0)
            {
                scope.Problem($"the engine would refuse it: {setting}: {message}");
                continue;
            }

            var (_, file, hint) = engineSettings[index];
            var at = file.FirstOrDefault(f => scope.Find(f) is not null) ?? file[0];
            scope.Problem(scope.Find(at), at, hint is null ? message : $"{message}; {hint}");
        }
    }

    // hh:mm:ss, d.hh:mm:ss and their fractions, as TimeSpan prints itself in the engine's messages.
    [GeneratedRegex(@"\b(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d+)?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Durations();
}
