namespace Highwater.Engine.Samples;

/// <summary>The sample project of <c>init</c> and <c>demo</c>: a configuration over the sample database.</summary>
public static class SampleProject
{
    /// <summary>The configuration file's text, exporting <c>app.db</c>'s users to a Marketo at <paramref name="baseUrl"/>.</summary>
    /// <param name="baseUrl">The Marketo REST base URL (a simulator's, for the demo).</param>
    /// <param name="window">The batch window.</param>
    public static string Config(Uri baseUrl, string window = "5m") => $$"""
        # Highwater: export the users of app.db to Marketo, in batches.
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
}
