using Highwater.Core.Capabilities;
using Highwater.Core.Groups;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Engine.Configuration;

public static partial class ConfigLoader
{
    private static readonly Dictionary<string, SyncMode> SyncModes = new(StringComparer.Ordinal)
    {
        ["sync"] = SyncMode.Sync,
        ["additive"] = SyncMode.Additive,
        ["enrich"] = SyncMode.Enrich,
    };

    private static readonly Dictionary<string, KeyConflictPolicy> KeyConflictPolicies = new(StringComparer.Ordinal)
    {
        ["reject"] = KeyConflictPolicy.Reject,
        ["adopt"] = KeyConflictPolicy.Adopt,
    };

    /// <summary>The credentials each service needs, by the names the file uses.</summary>
    private static readonly Dictionary<string, string[]> RequiredCredentials = new(StringComparer.Ordinal)
    {
        ["marketo"] = ["clientId", "clientSecret"],
        ["salesforce"] = ["clientId", "clientSecret"],
        ["pardot"] = ["clientId", "clientSecret", "businessUnitId"],
        ["eloqua"] = ["company", "username", "password"],
    };

    private static Dictionary<string, DestinationConfig> ReadDestinations(YamlScope? scope, HashSet<string> properties, IReadOnlyDictionary<string, GroupDefinition> groups)
    {
        var destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal);
        if (scope is null)
        {
            return destinations;
        }

        foreach (var (name, node) in scope.Entries())
        {
            if (scope.Scope(name, node) is { } destination && ReadDestination(name, destination, properties, groups) is { } config)
            {
                destinations[name] = config;
            }
        }

        return destinations;
    }

    private static DestinationConfig? ReadDestination(string name, YamlScope scope, HashSet<string> properties, IReadOnlyDictionary<string, GroupDefinition> groups)
    {
        var kindText = scope.String("kind", required: true);
        ServiceCapabilities? capabilities = null;
        if (kindText is not null && !KnownServices.ByName.TryGetValue(kindText, out capabilities))
        {
            scope.Problem(scope.Node("kind"), "kind", $"must be one of {string.Join(", ", KnownServices.ByName.Keys.Order(StringComparer.Ordinal))} (was {kindText})");
        }

        var account = scope.String("account") ?? name;
        var baseUrlText = scope.String("baseUrl", required: true);
        Uri? baseUrl = null;
        if (baseUrlText is not null && (!Uri.TryCreate(baseUrlText, UriKind.Absolute, out baseUrl) || baseUrl.Scheme is not ("http" or "https")))
        {
            scope.Problem(scope.Node("baseUrl"), "baseUrl", $"must be an http or https URL (was {baseUrlText})");
            baseUrl = null;
        }

        var credentials = new Dictionary<string, SecretValue>(StringComparer.Ordinal);
        if (scope.Map("credentials", required: true) is { } creds)
        {
            foreach (var (key, _) in creds.Entries())
            {
                if (Secret(creds, key) is { } secret)
                {
                    credentials[key] = secret;
                }
            }

            foreach (var needed in kindText is null ? [] : RequiredCredentials.GetValueOrDefault(kindText, []))
            {
                if (!creds.Has(needed))
                {
                    creds.Problem(null, needed, $"is required for {kindText}");
                }
            }
        }

        var foreignKey = scope.String("foreignKey") ?? "email";
        CheckProperty(scope, "foreignKey", scope.Node("foreignKey"), foreignKey, properties);

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (scope.Map("fields", required: true) is { } fieldMap)
        {
            foreach (var (remote, node) in fieldMap.Entries())
            {
                if (node is YamlDotNet.RepresentationModel.YamlScalarNode { Value: { Length: > 0 } property })
                {
                    CheckProperty(fieldMap, remote, node, property, properties);
                    fields[remote] = property;
                }
                else
                {
                    fieldMap.Problem(node, remote, "must name one profile property");
                }
            }

            if (fields.Count == 0)
            {
                fieldMap.Problem("map at least one remote field to a property");
            }
        }

        var lists = new Dictionary<string, string>(StringComparer.Ordinal);
        if (scope.Map("lists") is { } listMap)
        {
            if (capabilities?.Membership.Style == MembershipStyle.None)
            {
                listMap.Problem($"{kindText} has no lists to map groups to");
            }

            foreach (var (group, node) in listMap.Entries())
            {
                if (!groups.ContainsKey(group))
                {
                    listMap.Problem(node, group, $"is not a group (known: {(groups.Count == 0 ? "none" : string.Join(", ", groups.Keys.Order(StringComparer.Ordinal)))})");
                }

                if (node is YamlDotNet.RepresentationModel.YamlScalarNode { Value: { Length: > 0 } list })
                {
                    lists[group] = list;
                }
                else
                {
                    listMap.Problem(node, group, "must name one remote list");
                }
            }
        }

        var mode = scope.Choice("syncMode", SyncModes) ?? SyncMode.Sync;
        var onKeyConflict = scope.Choice("onKeyConflict", KeyConflictPolicies) ?? KeyConflictPolicy.Reject;
        var maxBatch = capabilities is null ? int.MaxValue : MaxBatch(capabilities);
        var batchSize = scope.Int("batchSize", 1, maxBatch) ?? Math.Min(maxBatch, 300);
        var window = scope.Duration("window", TimeSpan.FromSeconds(10), TimeSpan.FromDays(1)) ?? TimeSpan.FromMinutes(15);
        var adaptive = scope.Bool("adaptive") ?? true;
        var limits = ReadLimits(scope.Map("limits"));
        var listFolder = scope.Int("listFolder", 1, int.MaxValue);
        var importCampaign = scope.Int("importCampaignId", 1, int.MaxValue);
        var customFields = scope.Strings("customFields") ?? [];
        var loginUrlText = scope.String("loginUrl");
        Uri? loginUrl = null;
        if (loginUrlText is not null && (!Uri.TryCreate(loginUrlText, UriKind.Absolute, out loginUrl) || loginUrl.Scheme is not ("http" or "https")))
        {
            scope.Problem(scope.Node("loginUrl"), "loginUrl", $"must be an http or https URL (was {loginUrlText})");
            loginUrl = null;
        }

        scope.Finish("kind", "account", "baseUrl", "credentials", "foreignKey", "fields", "lists", "syncMode", "onKeyConflict", "batchSize", "window", "adaptive", "limits", "listFolder", "importCampaignId", "loginUrl", "customFields");

        if (capabilities is null || baseUrl is null || limits is null)
        {
            return null;
        }

        return new DestinationConfig
        {
            Name = name,
            ListFolder = listFolder,
            ImportCampaignId = importCampaign,
            CustomFields = customFields,
            LoginUrl = loginUrl,
            Kind = kindText!,
            Account = account,
            BaseUrl = baseUrl,
            Credentials = credentials,
            ForeignKey = foreignKey,
            Fields = fields,
            Lists = lists,
            SyncMode = mode,
            OnKeyConflict = onKeyConflict,
            BatchSize = batchSize,
            Window = window,
            Adaptive = adaptive,
            Limits = limits,
        };
    }

    /// <summary>The largest batch one call of the service takes: a bigger batch gains nothing per call.</summary>
    private static int MaxBatch(ServiceCapabilities capabilities)
    {
        var max = 0;
        foreach (var size in new int?[] { capabilities.Upsert?.MaxBatch, capabilities.Create?.MaxBatch, capabilities.Update?.MaxBatch, capabilities.Delete?.MaxBatch, capabilities.Membership.MaxBatch })
        {
            max = Math.Max(max, size ?? 0);
        }

        return Math.Max(max, 1);
    }

    private static LimitsConfig? ReadLimits(YamlScope? scope)
    {
        if (scope is null)
        {
            return new LimitsConfig();
        }

        var daily = scope.Long("daily", 1, 100_000_000);
        var timeZone = scope.String("timeZone");
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            scope.Problem(scope.Node("timeZone"), "timeZone", $"is not a time zone this machine knows (was {timeZone}; use an IANA name like America/Chicago)");
            timeZone = null;
        }

        var concurrency = scope.Int("concurrency", 1, 1000);
        var reserve = scope.Fraction("reserve", 0, 0.9);
        scope.Finish("daily", "timeZone", "concurrency", "reserve");
        return new LimitsConfig { Daily = daily, TimeZone = timeZone, Concurrency = concurrency, Reserve = reserve };
    }
}
