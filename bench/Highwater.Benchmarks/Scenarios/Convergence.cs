using System.Globalization;
using System.Text.Json;

namespace Highwater.Benchmarks.Scenarios;

/// <summary>
/// Whether the service's final state is the desired one, as the scenario contract defines it:
/// every profile not deleted exists exactly once under its e-mail with its desired field values
/// and is a member of exactly the mapped lists of its groups; in <c>sync</c> mode a deleted profile
/// no longer exists; in the other modes it is in none of the mapped lists it was known to be in.
/// In <c>enrich</c> mode, which creates nothing, a profile that did not exist remotely before is
/// expected to be absent still.
/// </summary>
internal static class Convergence
{
    private static readonly StringComparer Emails = StringComparer.OrdinalIgnoreCase;

    public static IReadOnlyList<string> Differences(Scenario scenario, SimState state)
    {
        var differences = new List<string>();
        var mapped = scenario.Lists.Values.ToHashSet(StringComparer.Ordinal);
        var byEmail = state.Records.Where(r => r.Email is not null).ToLookup(r => r.Email!, Emails);
        var existedBefore = scenario.Remote.Select(r => r.Email).ToHashSet(Emails);
        var knownById = scenario.Known.ToDictionary(k => k.Key, StringComparer.Ordinal);

        foreach (var profile in scenario.Profiles)
        {
            var records = byEmail[profile.Email].ToList();
            knownById.TryGetValue(profile.Key, out var known);
            if (profile.Delete)
            {
                if (scenario.SyncMode == "sync")
                {
                    if (records.Count > 0)
                    {
                        differences.Add($"{profile.Key}: deleted, but {records.Count} record(s) remain under {profile.Email}");
                    }
                }
                else
                {
                    var knownLists = (known?.Groups ?? []).Select(g => scenario.Lists.GetValueOrDefault(g)).OfType<string>().ToHashSet(StringComparer.Ordinal);
                    foreach (var record in records)
                    {
                        var still = record.Lists.Where(knownLists.Contains).ToList();
                        if (still.Count > 0)
                        {
                            differences.Add($"{profile.Key}: deleted in '{scenario.SyncMode}' mode, but {record.Id} is still in {string.Join(", ", still)}");
                        }
                    }
                }

                continue;
            }

            var existed = existedBefore.Contains(profile.Email) || (profile.PreviousEmail ?? known?.Email) is { } old && existedBefore.Contains(old);
            if (scenario.SyncMode == "enrich" && !existed)
            {
                if (records.Count > 0)
                {
                    differences.Add($"{profile.Key}: 'enrich' creates nothing, but {records.Count} record(s) exist under {profile.Email}");
                }

                continue;
            }

            if (records.Count != 1)
            {
                differences.Add($"{profile.Key}: {records.Count} records under {profile.Email}, expected exactly 1");
                continue;
            }

            var remote = records[0];
            foreach (var (field, value) in profile.Fields)
            {
                // The e-mail field is the record's e-mail: a simulator's state gives it beside the fields.
                var actual = remote.Fields.TryGetValue(field, out var element) ? Text(element)
                    : Emails.Equals(field, "email") ? remote.Email
                    : null;
                if (!string.Equals(Normal(actual), Normal(value), StringComparison.Ordinal))
                {
                    differences.Add($"{profile.Key}: field {field} is '{actual}', expected '{value}'");
                }
            }

            var desired = profile.Groups.Select(g => scenario.Lists.GetValueOrDefault(g)).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var actualLists = remote.Lists.Where(mapped.Contains).ToHashSet(StringComparer.Ordinal);
            if (!desired.SetEquals(actualLists))
            {
                differences.Add($"{profile.Key}: in lists [{string.Join(", ", actualLists.Order(StringComparer.Ordinal))}], expected [{string.Join(", ", desired.Order(StringComparer.Ordinal))}]");
            }
        }

        return differences;
    }

    private static string? Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => element.GetRawText(),
    };

    /// <summary>A cleared field may come back as null or as an empty string.</summary>
    private static string? Normal(string? value) => string.IsNullOrEmpty(value) ? null : value.ToString(CultureInfo.InvariantCulture);
}
