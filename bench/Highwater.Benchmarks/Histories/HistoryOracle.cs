using System.Text.Json;
using Highwater.Benchmarks.Scenarios;
using Highwater.Storage.DeadLetters;

namespace Highwater.Benchmarks.Histories;

/// <summary>
/// What the service must hold once the engine settled, from the source alone, under the
/// documented rules (DESIGN.md, "Identity and ownership"):
/// <list type="bullet">
/// <item>every live user with a valid e-mail that no other live user and no CRM-only record holds
/// has exactly one record with that e-mail, its mapped fields (first name, country) and exactly the
/// mapped lists of its plan;</item>
/// <item>every CRM-only record is untouched: one record with its e-mail, fields and lists exactly as
/// seeded (unmapped lists included);</item>
/// <item>a conflict ends with one record under the address: a live user taking a CRM-only record's
/// address loses to it (the runner makes this operation only of a user already exported: a user's
/// first export matches a CRM record by its address, which is what matching by e-mail means); of
/// live users sharing an address, one wins (any
/// one: which is path-dependent) and the record holds the winner's data; every loser has a dead
/// letter naming the address, and no loser's data is under it; a loser's own record, under the
/// address it had before, is left as it was;</item>
/// <item>a live user whose e-mail the service rejects has a dead letter and no record under that
/// e-mail (the record it had before may stay: the service never took the change);</item>
/// <item>no other record exists: none created twice, none left of a deleted user, no empty one;</item>
/// <item>a user that ended exported as it is has no dead letter left.</item>
/// </list>
/// Only the end state is compared, so a history the shrinker cut still has an oracle.
/// </summary>
internal static class HistoryOracle
{
    public static readonly IReadOnlyDictionary<string, string[]> ListsOfPlan = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["free"] = [],
        ["trial"] = ["Trial Users"],
        ["pro"] = ["Paying Customers"],
        ["enterprise"] = ["Paying Customers", "Enterprise Accounts"],
    };

    private static readonly HashSet<string> Mapped = new(["Paying Customers", "Trial Users", "Enterprise Accounts"], StringComparer.Ordinal);
    private static readonly StringComparer Emails = StringComparer.OrdinalIgnoreCase;

    public static bool IsValidEmail(string email) => email.Contains('@', StringComparison.Ordinal);

    public static IReadOnlyList<string> Differences(HistoryService service, History history, SourceModel model, SimState state, IReadOnlyList<DeadLetter> letters)
    {
        var differences = new List<string>();
        var losers = new List<SourceUser>();
        var explained = new HashSet<string>(StringComparer.Ordinal);
        var byEmail = state.Records.Where(r => r.Email is not null).ToLookup(r => r.Email!, Emails);
        var lettersOf = letters.ToLookup(l => l.ProfileKey, StringComparer.Ordinal);
        string Describe(SimRecord r) => $"record {r.Id} <{r.Email}> {Text(r, service.FirstNameField)} {Text(r, service.CountryField)} in [{string.Join(", ", r.Lists.Order(StringComparer.Ordinal))}]";

        var live = model.Live.ToList();
        foreach (var crm in history.CrmOnly)
        {
            var records = byEmail[crm.Email].ToList();
            explained.UnionWith(records.Select(r => r.Id));
            if (records.Count != 1)
            {
                differences.Add($"CRM-only record {crm.Index} <{crm.Email}>: {records.Count} records under its address, expected it alone, untouched");
                continue;
            }

            var record = records[0];
            if (Text(record, service.FirstNameField) != crm.FirstName || Text(record, service.CountryField) != crm.Country || !record.Lists.ToHashSet(StringComparer.Ordinal).SetEquals(crm.Lists))
            {

                differences.Add($"CRM-only record {crm.Index} <{crm.Email}> was touched: {Describe(record)}, seeded {crm.FirstName} {crm.Country} in [{string.Join(", ", crm.Lists)}]");
            }
        }

        var crmEmails = history.CrmOnly.Select(c => c.Email).ToHashSet(Emails);
        var invalid = live.Where(u => !IsValidEmail(u.Email)).ToList();
        foreach (var user in invalid)
        {
            if (byEmail[user.Email].Any())
            {
                differences.Add($"user {user.Id}: its invalid e-mail <{user.Email}> is on a record");
            }

            if (!lettersOf[Key(user)].Any())
            {
                differences.Add($"user {user.Id}: its invalid e-mail <{user.Email}> left no dead letter");
            }
        }

        foreach (var group in live.Where(u => IsValidEmail(u.Email)).GroupBy(u => u.Email, Emails))
        {
            var users = group.ToList();
            if (crmEmails.Contains(group.Key))
            {
                foreach (var user in users)
                {
                    Loser(user, $"CRM-only record <{group.Key}>");
                }

                continue;
            }

            var records = byEmail[group.Key].ToList();
            explained.UnionWith(records.Select(r => r.Id));
            if (records.Count != 1)
            {
                differences.Add($"user{(users.Count > 1 ? "s" : "")} {string.Join(", ", users.Select(u => u.Id))} <{group.Key}>: {records.Count} records under the address, expected exactly 1{(records.Count > 0 ? ": " + string.Join("; ", records.Select(Describe)) : "")}");
                continue;
            }

            var record = records[0];
            var winner = users.FirstOrDefault(u => Mismatch(service, u, record) is null);

            // A user whose data the record matches by chance (two users edited to the same name and
            // country) while a letter says it lost the address did not win it.
            var lost = users.All(u => lettersOf[Key(u)].Any(l => l.Reason.Contains(u.Email, StringComparison.OrdinalIgnoreCase)));
            if ((winner is null || lost) && live.FirstOrDefault(u => !users.Contains(u) && lettersOf[Key(u)].Any() && WasNamed(model, u, Text(record, service.FirstNameField))) is { } stuck)
            {
                // The record of a user that lost a conflict elsewhere, left as it was under its
                // old address: whoever wants that address loses to it in turn.
                foreach (var user in users)
                {
                    Loser(user, $"user {stuck.Id}'s record, left under <{group.Key}>");
                }

                explained.Add(record.Id);
                continue;
            }

            if (winner is null)
            {
                differences.Add(users.Count == 1
                    ? $"user {users[0].Id} <{group.Key}>: {Mismatch(service, users[0], record)}"
                    : $"users {string.Join(", ", users.Select(u => u.Id))} share <{group.Key}>: the record matches none of them: {Describe(record)}");
                continue;
            }

            foreach (var loser in users.Where(u => u != winner))
            {
                Loser(loser, $"user {winner.Id}'s <{group.Key}>");
            }

            if (users.Count == 1 && lettersOf[Key(winner)].FirstOrDefault() is { } stale)
            {
                differences.Add($"user {winner.Id} <{group.Key}> ended exported, but a stale dead letter remains: {stale.Reason}");
            }
        }

        // A user whose e-mail the service rejects, or who lost a conflict, may keep the record it
        // had before the change, as it was.
        var strays = state.Records.Where(r => !explained.Contains(r.Id) && !losers.Any(l => WasNamed(model, l, Text(r, service.FirstNameField)))).ToList();
        if (strays.Count > invalid.Count)
        {
            differences.AddRange(strays.Select(r => $"{Describe(r)} is explained by no live user and no CRM-only record (created twice, left behind, or empty)"));
        }

        return differences;

        void Loser(SourceUser user, string holder)
        {
            losers.Add(user);
            if (!lettersOf[Key(user)].Any(l => l.Reason.Contains(user.Email, StringComparison.OrdinalIgnoreCase)))
            {
                var found = lettersOf[Key(user)].Select(l => l.Reason).ToList();
                differences.Add($"user {user.Id} <{user.Email}> conflicts with {holder}, but no dead letter names the address{(found.Count > 0 ? " (it has: " + string.Join("; ", found) + ")" : "")}");
            }
        }
    }

    /// <summary>
    /// Whether a record left as it was (a conflict's loser keeps its old record, and edits after
    /// the conflict do not reach it) can be the user's: its first name is one the user ever had.
    /// </summary>
    private static bool WasNamed(SourceModel model, SourceUser user, string? firstName) =>
        firstName is not null && (firstName == user.FirstName || firstName == "First" + Key(user) || firstName == "Dup" + Key(user) || model.HadName(user.Id, firstName));

    private static string Key(SourceUser user) => user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How <paramref name="record"/> differs from <paramref name="user"/>'s mapped data; null when it matches.</summary>
    private static string? Mismatch(HistoryService service, SourceUser user, SimRecord record)
    {
        var problems = new List<string>();
        if (Text(record, service.FirstNameField) != user.FirstName)
        {
            problems.Add($"first name '{Text(record, service.FirstNameField)}', expected '{user.FirstName}'");
        }

        if (Text(record, service.CountryField) != user.Country)
        {
            problems.Add($"country '{Text(record, service.CountryField)}', expected '{user.Country}'");
        }

        var lists = record.Lists.Where(Mapped.Contains).Order(StringComparer.Ordinal).ToList();
        var want = ListsOfPlan[user.Plan].Order(StringComparer.Ordinal).ToList();
        if (!lists.SequenceEqual(want))
        {
            problems.Add($"lists [{string.Join(", ", lists)}], expected [{string.Join(", ", want)}] (plan {user.Plan})");
        }

        return problems.Count == 0 ? null : $"record {record.Id}: " + string.Join(", ", problems);
    }

    private static string? Text(SimRecord record, string field) =>
        record.Fields.TryGetValue(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
