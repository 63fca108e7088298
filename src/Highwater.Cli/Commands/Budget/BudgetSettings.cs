using Highwater.Cli.Commands.Shared;
using Highwater.Connectors;
using System.ComponentModel;
using System.Globalization;
using Highwater.Core.Budget;
using Highwater.Core.Capabilities;
using Highwater.Core.Governor;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Budget;

/// <summary>The options of <c>highwater budget</c>: the service, the batch shape and the quota (or, with none, the time a call takes).</summary>
/// <remarks>
/// Values are taken as text and read here rather than by Spectre's converters, so that a value
/// that is not a number is reported with its option's name, together with every other problem.
/// </remarks>
internal sealed class BudgetSettings : CommonSettings
{
    /// <summary>The options in the order they are listed, which is the order problems are reported in.</summary>
    private static readonly string[] OptionOrder =
        ["--service", "--users", "--groups", "--delete-share", "--create-share", "--known-share", "--join-shares", "--leave-shares", "--quota", "--reserve", "--call-seconds"];

    [CommandOption("--service <SERVICE>")]
    [Description("The service, named as a destination's kind (marketo, ...); an unknown name lists them all. Required.")]
    public string? Service { get; init; }

    [CommandOption("--users <N>")]
    [Description("Users in one batch.")]
    [DefaultValue("300")]
    public string Users { get; init; } = "300";

    [CommandOption("--groups <N>")]
    [Description("Synced groups, each a list on the service.")]
    [DefaultValue("5")]
    public string Groups { get; init; } = "5";

    [CommandOption("--delete-share <X>")]
    [Description("Share of the batch to delete.")]
    [DefaultValue("0.1")]
    public string DeleteShare { get; init; } = "0.1";

    [CommandOption("--create-share <X>")]
    [Description("Share of the batch new to the service.")]
    [DefaultValue("0.3")]
    public string CreateShare { get; init; } = "0.3";

    [CommandOption("--known-share <X>")]
    [Description("Share of the deleted and updated users Highwater exported before, so it knows their remote id.")]
    [DefaultValue("0.8")]
    public string KnownShare { get; init; } = "0.8";

    [CommandOption("--join-shares <A[,B,...]>")]
    [Description("Share of the batch joining each group: one value for all groups, or one per group.")]
    [DefaultValue("0.2")]
    public string JoinShares { get; init; } = "0.2";

    [CommandOption("--leave-shares <A[,B,...]>")]
    [Description("Share of the batch leaving each group: one value for all groups, or one per group.")]
    [DefaultValue("0.05")]
    public string LeaveShares { get; init; } = "0.05";

    [CommandOption("--quota <N>")]
    [Description("Calls a day the service allows. Default: the service's usual quota.")]
    public string? Quota { get; init; }

    [CommandOption("--reserve <X>")]
    [Description("Share of the quota kept back for other integrations.")]
    [DefaultValue("0")]
    public string Reserve { get; init; } = "0";

    [CommandOption("--call-seconds <X>")]
    [Description("For a service with no daily quota: seconds one call takes, to time a batch at the service's connections and rate limits.")]
    [DefaultValue("0.25")]
    public string CallSeconds { get; init; } = "0.25";

    [CommandOption("--json")]
    [Description("Print one JSON object instead of a table.")]
    public bool Json { get; init; }

    private static string KnownNames => string.Join(", ", ServiceModules.Kinds.Order(StringComparer.Ordinal));

    public override ValidationResult Validate()
    {
        var problems = new List<string>();
        Read(problems);
        return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join('\n', problems));
    }

    /// <summary>The options as the engine takes them; only once <see cref="Validate"/> has passed.</summary>
    internal BudgetInput Read()
    {
        var problems = new List<string>();
        var input = Read(problems);
        return problems.Count == 0 ? input! : throw new InvalidOperationException(string.Join("; ", problems));
    }

    /// <summary>Reads every option, adding every problem, each naming its option; null if there are any.</summary>
    private BudgetInput? Read(List<string> problems)
    {
        var found = new List<string>();
        var capabilities = ReadService(found);
        var defaults = new BudgetScenario();
        var scenario = new BudgetScenario
        {
            Users = ReadInt("--users", Users, found) ?? defaults.Users,
            Groups = ReadInt("--groups", Groups, found) ?? defaults.Groups,
            DeleteShare = ReadDouble("--delete-share", DeleteShare, found) ?? defaults.DeleteShare,
            CreateShare = ReadDouble("--create-share", CreateShare, found) ?? defaults.CreateShare,
            KnownShare = ReadDouble("--known-share", KnownShare, found) ?? defaults.KnownShare,
            JoinShares = ReadShares("--join-shares", JoinShares, found) ?? defaults.JoinShares,
            LeaveShares = ReadShares("--leave-shares", LeaveShares, found) ?? defaults.LeaveShares,
        };

        // The batch shape's rules live in Core. An option that did not read stands in as its
        // default above; what Core says about it would be about the default, so it is left out.
        var unread = found.Select(OptionOf).ToHashSet(StringComparer.Ordinal);
        found.AddRange(scenario.Validate().Select(AsOptions).Where(p => !OptionsOf(p).Any(unread.Contains)));

        var quota = ReadQuota(capabilities, found);
        var reserve = ReadDouble("--reserve", Reserve, found);
        if (reserve is < 0 or >= 1 || (reserve is { } r && double.IsNaN(r)))
        {
            found.Add(Invariant($"--reserve: must be at least 0 and below 1 (was {reserve})"));
        }
        else if (reserve > 0 && quota is null && Quota is null && capabilities is not null)
        {
            found.Add($"--reserve: shares out a daily quota, and {capabilities.Service} has none (give --quota to share one out)");
        }

        var limits = ReadLimits(capabilities, quota, found);
        problems.AddRange(found.OrderBy(p => Array.IndexOf(OptionOrder, OptionOf(p))));
        return found.Count == 0 ? new BudgetInput(capabilities!, quota, limits, scenario, reserve ?? 0) : null;
    }

    private ServiceCapabilities? ReadService(List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(Service))
        {
            problems.Add($"--service: required; one of {KnownNames}");
            return null;
        }

        if (!ServiceModules.TryGet(Service, out var service))
        {
            problems.Add($"--service: must be one of {KnownNames} (was '{Service}')");
        }

        return service?.Capabilities;
    }

    private DailyQuota? ReadQuota(ServiceCapabilities? capabilities, List<string> problems)
    {
        if (Quota is not null)
        {
            var callsPerDay = ReadInt("--quota", Quota, problems);
            if (callsPerDay < 1)
            {
                problems.Add(Invariant($"--quota: must be at least 1 call a day (was {callsPerDay})"));
            }

            return callsPerDay is { } n ? new DailyQuota(n, "set with --quota") : null;
        }

        if (capabilities is null)
        {
            return null;
        }

        return ServiceModules.Get(capabilities.Service).Quota;
    }

    // A service with no daily quota is timed at its own limits instead.
    private ServiceLimits? ReadLimits(ServiceCapabilities? capabilities, DailyQuota? quota, List<string> problems)
    {
        var seconds = ReadDouble("--call-seconds", CallSeconds, problems);
        if (seconds is not { } s)
        {
            return null;
        }

        if (double.IsNaN(s) || s <= 0 || s > 3600)
        {
            problems.Add(Invariant($"--call-seconds: must be more than 0 and at most 3600 (was {s})"));
            return null;
        }

        if (quota is not null || Quota is not null || capabilities is null)
        {
            return null;
        }

        var module = ServiceModules.Get(capabilities.Service);
        return ServiceLimits.Of(new RatePolicy(module.Policy(module.Kind, null)), TimeSpan.FromSeconds(s));
    }

    private static int? ReadInt(string option, string text, List<string> problems)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{option}: must be a whole number (was '{text}')");
        return null;
    }

    private static double? ReadDouble(string option, string text, List<string> problems)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{option}: must be a number like 0.25 (was '{text}')");
        return null;
    }

    /// <summary>A comma-separated list of shares, read with the invariant culture ("0.5,0.5,0.2").</summary>
    private static List<double>? ReadShares(string option, string text, List<string> problems)
    {
        var shares = new List<double>();
        foreach (var part in text.Split(','))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var share))
            {
                problems.Add($"{option}: must be numbers separated by commas, like 0.5,0.5,0.2 (was '{text}')");
                return null;
            }

            shares.Add(share);
        }

        return shares;
    }

    /// <summary>Core names options without their dashes: "delete-share + create-share: must be ...".</summary>
    private static string AsOptions(string problem)
    {
        var colon = problem.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? problem : string.Join(" + ", problem[..colon].Split(" + ").Select(name => "--" + name)) + problem[colon..];
    }

    /// <summary>The options a problem names ("--delete-share + --create-share: ..." names two).</summary>
    private static string[] OptionsOf(string problem)
    {
        var colon = problem.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? [] : problem[..colon].Split(" + ");
    }

    private static string OptionOf(string problem) => OptionsOf(problem).FirstOrDefault() ?? "";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
