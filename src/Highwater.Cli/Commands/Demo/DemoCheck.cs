using Highwater.Engine.Samples;
using Highwater.Simulators.Marketo;

namespace Highwater.Cli.Commands.Demo;

/// <summary>Compares the sample source with what the Marketo simulator holds: every live user once, with its fields and lists, and nobody else.</summary>
internal static class DemoCheck
{
    public static async Task<IReadOnlyList<string>> DifferencesAsync(SampleDatabase app, MarketoSimulator marketo, CancellationToken cancellationToken)
    {
        var expected = await app.LiveUsersAsync(cancellationToken);
        var state = marketo.GetState();
        var byEmail = state.Records
            .Where(r => r.Email is not null)
            .GroupBy(r => r.Email!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var differences = new List<string>();
        foreach (var user in expected)
        {
            if (!byEmail.TryGetValue(user.Email, out var records))
            {
                differences.Add($"user {user.Id} ({user.Email}) is missing");
                continue;
            }

            if (records.Count > 1)
            {
                differences.Add($"user {user.Id} ({user.Email}) exists {records.Count} times");
            }

            var record = records[0];
            if (record.Fields?.GetValueOrDefault("firstName") != user.FirstName || record.Fields?.GetValueOrDefault("country") != user.Country)
            {
                differences.Add($"user {user.Id} ({user.Email}): fields differ");
            }

            var lists = (record.Lists ?? []).Order(StringComparer.Ordinal);
            if (!lists.SequenceEqual(ListsOf(user.Plan).Order(StringComparer.Ordinal)))
            {
                differences.Add($"user {user.Id} ({user.Email}, {user.Plan}): lists [{string.Join(", ", record.Lists ?? [])}]");
            }
        }

        var emails = expected.Select(u => u.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        differences.AddRange(state.Records.Where(r => r.Email is null || !emails.Contains(r.Email)).Select(r => $"lead {r.Id} ({r.Email}) should not exist"));
        return differences;
    }

    /// <summary>The lists of a plan under the sample configuration's groups.</summary>
    public static IEnumerable<string> ListsOf(string plan) => plan switch
    {
        "pro" => ["Paying Customers"],
        "enterprise" => ["Paying Customers", "Enterprise Accounts"],
        "trial" => ["Trial Users"],
        _ => [],
    };
}
