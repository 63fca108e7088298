using Highwater.Storage.Migrations;

namespace Highwater.Storage.Postgres;

/// <summary>
/// Applies the numbered PostgreSQL scripts not yet recorded in schema_version, in one
/// transaction holding a transaction-level advisory lock: a second worker waits for the first
/// and then finds nothing to do. DDL is transactional in PostgreSQL, so a failed script leaves nothing.
/// </summary>
internal sealed class PostgresMigrator(PostgresDatabase database, TimeProvider timeProvider)
{
    // "HWMIGRAT" as a number: the advisory lock every Highwater migration takes in this database.
    private const long LockKey = 0x4857_4D49_4752_4154;

    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    integer NOT NULL PRIMARY KEY,
            name       text NOT NULL,
            applied_at timestamptz NOT NULL
        );
        """;

    private static readonly IReadOnlyList<Migration> Scripts = MigrationScripts.Load("Postgres");

    public static int LatestVersion => Scripts[^1].Version;

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                await using (var lockCommand = PostgresCommands.Create(connection, transaction, "SELECT pg_advisory_xact_lock(@key);").BindBigint("key", LockKey))
                {
                    await lockCommand.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var create = PostgresCommands.Create(connection, transaction, CreateVersionTable))
                {
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }

                int current;
                await using (var read = PostgresCommands.Create(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_version;"))
                {
                    current = (int)(await read.ExecuteScalarAsync(cancellationToken))!;
                }

                if (current > LatestVersion)
                {
                    throw MigrationScripts.TooNew(current, LatestVersion);
                }

                foreach (var migration in Scripts.Where(m => m.Version > current))
                {
                    await using (var apply = PostgresCommands.Create(connection, transaction, migration.Sql))
                    {
                        await apply.ExecuteNonQueryAsync(cancellationToken);
                    }

                    await using var record = PostgresCommands.Create(connection, transaction, "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @at);")
                        .Bind("version", NpgsqlTypes.NpgsqlDbType.Integer, migration.Version)
                        .BindText("name", migration.Name)
                        .BindTime("at", timeProvider.GetUtcNow());
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                return current;
            },
            cancellationToken);

    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using (var exists = database.Command("SELECT to_regclass('schema_version') IS NOT NULL;"))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return 0;
            }
        }

        await using var read = database.Command("SELECT coalesce(max(version), 0) FROM schema_version;");
        return (int)(await read.ExecuteScalarAsync(cancellationToken))!;
    }
}
