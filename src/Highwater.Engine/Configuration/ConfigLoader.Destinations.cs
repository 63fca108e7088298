using Highwater.Connectors;
using Highwater.Connectors.Modules;
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
        var problemsBefore = scope.Problems.Count;
        var kindText = scope.String("kind", required: true);
        IServiceModule? kind = null;
        if (kindText is not null && !ServiceModules.TryGet(kindText, out kind))
        {
            scope.Problem(scope.Node("kind"), "kind", $"must be one of {string.Join(", ", ServiceModules.Kinds.Order(StringComparer.Ordinal))} (was {kindText})");
            kind = null;
        }

        var capabilities = kind?.Capabilities;

        var account = scope.String("account") ?? name;
        var baseUrl = Url(scope, "baseUrl", required: true);
        var credentials = ReadCredentials(scope, kind);

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
                listMap.Problem($"{kind?.Kind} has no lists to map groups to");
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
        var settings = ReadServiceSettings(scope, kind);
        scope.Finish([.. DestinationKinds.Common, .. (kind is null ? ServiceModules.All : [kind]).SelectMany(m => m.Settings).Select(s => s.Name)]);

        if (kind is null || capabilities is null || baseUrl is null || limits is null)
        {
            return null;
        }

        var config = new DestinationConfig
        {
            Name = name,
            Settings = settings,
            Kind = kind.Kind,
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

        // The engine's own checks only make sense on settings that passed the file's.
        if (scope.Problems.Count == problemsBefore)
        {
            CheckEngineRules(scope, config);
        }

        return scope.Problems.Count == problemsBefore ? config : null;
    }

    /// <summary>
    /// The settings only some kinds take, as the kind's service module declares them. One written
    /// under a kind that does not take it is reported at its line, naming the kinds that do; an
    /// unknown kind takes every kind's settings, so its one mistake is not buried under others.
    /// </summary>
    private static ServiceSettings ReadServiceSettings(YamlScope scope, IServiceModule? kind)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var setting in ServiceModules.All.SelectMany(m => m.Settings).DistinctBy(s => s.Name))
        {
            var taken = kind is null ? setting : kind.Settings.FirstOrDefault(s => s.Name == setting.Name);
            if (taken is null)
            {
                if (scope.Node(setting.Name) is { } node)
                {
                    var owners = string.Join(" and ", DestinationKinds.Taking(setting.Name));
                    scope.Problem(node, setting.Name, $"unknown setting for {kind!.Kind} (a {owners} setting; known: {string.Join(", ", DestinationKinds.Common.Concat(kind.Settings.Select(s => s.Name)))})");
                }

                continue;
            }

            object? value = taken.Type switch
            {
                ServiceSettingType.Integer => scope.Int(taken.Name, taken.Min, taken.Max) is { } number ? (long)number : null,
                ServiceSettingType.Url => Url(scope, taken.Name, required: false),
                _ => scope.Strings(taken.Name),
            };
            if (value is not null)
            {
                values[taken.Name] = value;
            }
        }

        return new ServiceSettings(values);
    }

    /// <summary>The credentials, each a reference; a key the kind does not take is unknown, and every key it needs is required.</summary>
    private static Dictionary<string, SecretValue> ReadCredentials(YamlScope scope, IServiceModule? kind)
    {
        var credentials = new Dictionary<string, SecretValue>(StringComparer.Ordinal);
        if (scope.Map("credentials", required: true) is not { } creds)
        {
            return credentials;
        }

        foreach (var (key, node) in creds.Entries())
        {
            if (kind is not null && !kind.Credentials.Contains(key, StringComparer.Ordinal))
            {
                creds.Problem(node, key, $"unknown credential for {kind.Kind} (known: {string.Join(", ", kind.Credentials)})");
            }
            else if (Secret(creds, key) is { } secret)
            {
                credentials[key] = secret;
            }
        }

        foreach (var needed in kind?.RequiredCredentials ?? [])
        {
            if (!creds.Has(needed))
            {
                creds.Problem(null, needed, $"is required for {kind!.Kind}");
            }
        }

        return credentials;
    }

    /// <summary>An http or https URL with no user or password in it; a message about it never repeats user info.</summary>
    private static Uri? Url(YamlScope scope, string key, bool required)
    {
        var text = scope.String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            scope.Problem(scope.Node(key), key, $"must be an http or https URL (was {UrlText.WithoutUserInfo(text)})");
            return null;
        }

        if (url.UserInfo.Length > 0)
        {
            scope.Problem(scope.Node(key), key, "holds a user and password; write the URL without them and give the credentials under credentials: as ${ENV_VAR} or ${file:PATH}");
            return null;
        }

        return url;
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
