using System.Text;

namespace Highwater.Engine.Samples;

/// <summary>The sample project of <c>init</c> and <c>demo</c>: a configuration over the sample database.</summary>
public static class SampleProject
{
    /// <summary>The configuration file's text, exporting <c>app.db</c>'s users to a Marketo at <paramref name="baseUrl"/>.</summary>
    /// <param name="baseUrl">The Marketo REST base URL (a simulator's, for the demo).</param>
    /// <param name="window">The batch window.</param>
    public static string Config(Uri baseUrl, string window = "5m") => Header("Marketo") + $$"""
        destinations:
          marketo:
            kind: marketo
            baseUrl: {{baseUrl}}
            credentials:
              clientId: ${MARKETO_CLIENT_ID}      # secrets only by reference: an environment variable...
              clientSecret: ${MARKETO_CLIENT_SECRET}  # ...or ${file:/run/secrets/marketo}
            foreignKey: email
            fields: { email: email, firstName: first_name, country: country }
            lists: { paying: Paying Customers, trial: Trial Users, enterprise: Enterprise Accounts }
            listFolder: 12                      # the Marketo folder a mapped list that does not exist is created in
            syncMode: sync
            batchSize: 300
            window: {{window}}

        """;

    /// <summary>The configuration file's text, exporting <c>app.db</c>'s users to <paramref name="destination"/>.</summary>
    /// <param name="title">The service's name in the file's first comment.</param>
    /// <param name="destination">The service, its settings, credentials and fields.</param>
    /// <param name="window">The batch window.</param>
    public static string Config(string title, SampleDestination destination, string window = "5m")
    {
        ArgumentNullException.ThrowIfNull(destination);
        var text = new StringBuilder(Header(title));
        text.Append("destinations:\n");
        text.Append("  ").Append(destination.Kind).Append(":\n");
        text.Append("    kind: ").Append(destination.Kind).Append('\n');
        text.Append("    baseUrl: ").Append(destination.BaseUrl).Append('\n');
        text.Append("    credentials:                        # secrets only by reference: an environment variable or ${file:...}\n");
        foreach (var key in destination.Credentials)
        {
            text.Append("      ").Append(key).Append(": ${").Append(destination.Variable(key)).Append("}\n");
        }

        text.Append("    foreignKey: email\n");
        text.Append("    fields: { ").AppendJoin(", ", destination.Fields.Select(f => f.Key + ": " + f.Value)).Append(" }\n");
        text.Append("    lists: { paying: Paying Customers, trial: Trial Users, enterprise: Enterprise Accounts }\n");
        foreach (var (setting, value) in destination.Settings)
        {
            text.Append("    ").Append(setting).Append(": ").Append(value).Append('\n');
        }

        text.Append("    syncMode: sync\n");
        text.Append("    window: ").Append(window).Append('\n');
        return text.ToString();
    }

    private static string Header(string title) => $$"""
        # Highwater: export the users of app.db to {{title}}, in batches.
        # `highwater validate` checks this file; `highwater plan` shows what a sync would cost.
        store:
          sqlite: .highwater/buffer.db          # the buffer (embedded SQLite); or postgres: ${PG_CONNECTION}

        sources:
          users:
            kind: sqlite
            connection: app.db
            table: users
            key: id
            mark: updated_at                    # the high-water mark: each poll reads only what changed
            columns: [email, first_name, country, plan]
            deleted: deleted                    # a soft-delete flag: 1 deletes the lead
            lookBack: 1m
            pollInterval: 30s

        groups:
          paying:
            rule: { property: plan, op: in, value: [pro, enterprise] }
          trial:
            rule: { property: plan, op: "=", value: trial }
          enterprise:
            rule: { property: plan, op: "=", value: enterprise }


        """;

    /// <summary>The lists a user of <paramref name="plan"/> belongs to under the sample configuration's groups.</summary>
    public static IReadOnlyList<string> ListsOf(string plan) => plan switch
    {
        "pro" => ["Paying Customers"],
        "enterprise" => ["Paying Customers", "Enterprise Accounts"],
        "trial" => ["Trial Users"],
        _ => [],
    };

    /// <summary>
    /// How what a destination holds differs from the sample source's live users: missing, doubled
    /// or extra records, fields (first name, country, by the destination's names) and lists.
    /// Empty when the destination is exactly the source.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(SampleDatabase app, IEnumerable<SampleRemoteRecord> records, string firstNameField = "firstName", string countryField = "country", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(records);
        var all = records.ToList();
        var expected = await app.LiveUsersAsync(cancellationToken).ConfigureAwait(false);
        var byEmail = all
            .Where(r => r.Email is not null)
            .GroupBy(r => r.Email!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var differences = new List<string>();
        foreach (var user in expected)
        {
            if (!byEmail.TryGetValue(user.Email, out var found))
            {
                differences.Add($"user {user.Id} ({user.Email}) is missing");
                continue;
            }

            if (found.Count > 1)
            {
                differences.Add($"user {user.Id} ({user.Email}) exists {found.Count} times");
            }

            var record = found[0];
            if (record.Fields?.GetValueOrDefault(firstNameField) != user.FirstName || record.Fields?.GetValueOrDefault(countryField) != user.Country)
            {
                differences.Add($"user {user.Id} ({user.Email}): fields differ");
            }

            var lists = (record.Lists ?? []).Order(StringComparer.Ordinal).ToList();
            var want = ListsOf(user.Plan).Order(StringComparer.Ordinal).ToList();
            if (!lists.SequenceEqual(want))
            {
                differences.Add($"user {user.Id} ({user.Email}, {user.Plan}): lists [{string.Join(", ", lists)}], want [{string.Join(", ", want)}]");
            }
        }

        var emails = expected.Select(u => u.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        differences.AddRange(all.Where(r => r.Email is null || !emails.Contains(r.Email)).Select(r => $"record {r.Id} ({r.Email}) should not exist"));
        return differences;
    }
}
