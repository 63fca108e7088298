using System.Globalization;
using Highwater.Storage.Migrations;
using Microsoft.Data.Sqlite;

namespace Highwater.Storage.Sqlite;

/// <summary>
/// Applies the numbered SQLite scripts not yet recorded in schema_version, all in one
/// BEGIN IMMEDIATE transaction: a second process waits for the first and then finds nothing to do.
/// </summary>
internal sealed class SqliteMigrator(SqliteDatabase database, TimeProvider timeProvider)
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at INTEGER NOT NULL
        );
        """;

    private static readonly IReadOnlyList<Migration> Scripts = MigrationScripts.Load("Sqlite");

    public static int LatestVersion => Scripts[^1].Version;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            // WAL: readers go on while a writer commits. The file remembers the setting.
            await using var wal = SqliteCommands.Create(connection, null, "PRAGMA journal_mode = WAL;");
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        await database.WriteAsync(
            async (connection, transaction) =>
            {
                await using (var create = SqliteCommands.Create(connection, transaction, CreateVersionTable))
                {
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }

                var current = await ReadVersionAsync(connection, transaction, cancellationToken);
                if (current > LatestVersion)
                {
                    throw MigrationScripts.TooNew(current, LatestVersion);
                }

                foreach (var migration in Scripts.Where(m => m.Version > current))
                {
                    await using var apply = SqliteCommands.Create(connection, transaction, migration.Sql);
                    await apply.ExecuteNonQueryAsync(cancellationToken);
                    await using var record = SqliteCommands.Create(connection, transaction, "INSERT INTO schema_version (version, name, applied_at) VALUES ($version, $name, $at);")
                        .Bind("$version", migration.Version)
                        .Bind("$name", migration.Name)
                        .BindTime("$at", timeProvider.GetUtcNow());
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                return current;
            },
            cancellationToken);
    }

    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadVersionAsync(connection, null, cancellationToken);
    }

    private static async Task<int> ReadVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var exists = SqliteCommands.Create(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';");
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        await using var max = SqliteCommands.Create(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_version;");
        return Convert.ToInt32(await max.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
