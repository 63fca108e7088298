using System.Globalization;
using System.Text.RegularExpressions;
using Highwater.Core.Capabilities;
using Highwater.Core.Governor;
using Highwater.Core.Scheduling;
using Highwater.Engine.Running;

namespace Highwater.Engine.Configuration;

public static partial class ConfigLoader
{
    /// <summary>
    /// Where each setting the engine checks when it opens comes from in the file, by the engine's
    /// name for it (a suffix of the problem's setting): the first of the file's settings that is
    /// written carries the problem and its line; a hint may follow the engine's message.
    /// </summary>
    private static readonly (string Engine, string[] File, string? Hint)[] EngineSettings =
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
        ("pardot.loginUrl", ["loginUrl", "baseUrl"], null),
        ("loginUrl", ["baseUrl"], null),
        ("baseAddress", ["baseUrl"], null),
        ("baseUrl", ["baseUrl"], null),
        ("listFolderId", ["listFolder"], null),
        ("importCampaignId", ["importCampaignId"], null),
        ("importLatencyCalls", ["importLatencyCalls"], null),
        ("clientId", ["credentials.clientId", "credentials"], null),
        ("clientSecret", ["credentials.clientSecret", "credentials"], null),
        ("businessUnitId", ["credentials.businessUnitId", "credentials"], null),
        ("company", ["credentials.company", "credentials"], null),
        ("username", ["credentials.username", "credentials"], null),
        ("password", ["credentials.password", "credentials"], null),
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
        problems.AddRange(KnownServices.Get(destination.Kind).Validate());
        foreach (var problem in problems)
        {
            var colon = problem.IndexOf(": ", StringComparison.Ordinal);
            var setting = colon > 0 ? problem[..colon] : "";
            var message = Durations().Replace(colon > 0 ? problem[(colon + 2)..] : problem, m => TimeSpan.TryParse(m.Value, CultureInfo.InvariantCulture, out var span) ? ConfigDuration.Format(span) : m.Value);
            var index = Array.FindIndex(EngineSettings, s => setting.EndsWith(s.Engine, StringComparison.Ordinal));
            if (index < 0)
            {
                scope.Problem($"the engine would refuse it: {setting}: {message}");
                continue;
            }

            var (_, file, hint) = EngineSettings[index];
            var at = file.FirstOrDefault(f => scope.Find(f) is not null) ?? file[0];
            scope.Problem(scope.Find(at), at, hint is null ? message : $"{message}; {hint}");
        }
    }

    // hh:mm:ss, d.hh:mm:ss and their fractions, as TimeSpan prints itself in the engine's messages.
    [GeneratedRegex(@"\b(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d+)?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Durations();
}
