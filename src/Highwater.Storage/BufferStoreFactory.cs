using System.Data.Common;
using Highwater.Storage.Postgres;
using Highwater.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Highwater.Storage;

/// <summary>Opens the buffer store a connection string names.</summary>
public static class BufferStoreFactory
{
    /// <summary>
    /// Creates the store for <paramref name="connectionString"/>: a file path or a SQLite string
    /// (<c>Data Source=buffer.db</c>) opens the embedded SQLite buffer; a PostgreSQL string
    /// (<c>Host=...;Database=...</c>) opens the shared one. Nothing is touched until it is used;
    /// call <see cref="IBufferStore.MigrateAsync"/> first.
    /// </summary>
    /// <param name="connectionString">A path, or a SQLite or PostgreSQL connection string.</param>
    /// <param name="timeProvider">The clock every stored timestamp comes from.</param>
    /// <exception cref="ArgumentException">The string names neither.</exception>
    public static IBufferStore Create(string connectionString, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return KindOf(connectionString) switch
        {
            BufferStoreKind.Postgres => new PostgresBufferStore(connectionString, timeProvider),
            _ => new SqliteBufferStore(AsSqlite(connectionString), timeProvider),
        };
    }

    /// <summary>
    /// Copies the SQLite buffer <paramref name="connectionString"/> names to a new file at
    /// <paramref name="targetPath"/> with SQLite's backup API: a consistent snapshot even while
    /// another process writes the buffer, which this only reads. A dry run works on the copy.
    /// </summary>
    /// <returns>False when the buffer does not exist yet (nothing is copied).</returns>
    /// <exception cref="ArgumentException">The string names a PostgreSQL buffer, which has no file to copy.</exception>
    public static async Task<bool> CopySqliteAsync(string connectionString, string targetPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetPath);
        if (KindOf(connectionString) != BufferStoreKind.Sqlite)
        {
            throw new ArgumentException("Only a SQLite buffer can be copied.", nameof(connectionString));
        }

        var source = new SqliteConnectionStringBuilder(AsSqlite(connectionString)) { Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        if (!File.Exists(source.DataSource))
        {
            return false;
        }

        // ReadWrite rather than ReadOnly: a WAL database may need its shared-memory file made to be
        // read at all. Nothing is written to it.
        await using var from = new SqliteConnection(source.ToString());
        await from.OpenAsync(cancellationToken);
        await using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = targetPath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        await to.OpenAsync(cancellationToken);
        from.BackupDatabase(to);
        return true;
    }

    /// <summary>
    /// The failure to open the buffer <paramref name="connectionString"/> names, as one sentence that
    /// says which store and where (<c>buffer (postgres): cannot connect to 127.0.0.1:1</c>,
    /// <c>buffer (sqlite): cannot open /srv/buffer.db: unable to open database file</c>) and never
    /// the credentials; null when <paramref name="exception"/> is not a failure to reach it.
    /// </summary>
    public static BufferUnavailableException? Unavailable(string connectionString, Exception exception)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is not (DbException or IOException or System.Net.Sockets.SocketException or TimeoutException or UnauthorizedAccessException))
        {
            return null;
        }

        if (KindOf(connectionString) == BufferStoreKind.Postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            var place = $"{builder.Host}:{builder.Port}";
            var refused = exception is NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException or IOException } and not PostgresException;
            return new BufferUnavailableException(
                refused ? $"buffer (postgres): cannot connect to {place}" : $"buffer (postgres): cannot open the buffer at {place}: {exception.Message}",
                exception);
        }

        var path = Path.GetFullPath(new SqliteConnectionStringBuilder(AsSqlite(connectionString)).DataSource);
        var reason = exception is SqliteException sqlite ? sqlite.Message.Replace("SQLite Error ", "error ", StringComparison.Ordinal) : exception.Message;
        return new BufferUnavailableException($"buffer (sqlite): cannot open {path}: {reason}", exception);
    }

    internal static BufferStoreKind KindOf(string connectionString)
    {
        if (!connectionString.Contains('=', StringComparison.Ordinal))
        {
            return BufferStoreKind.Sqlite;
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"The buffer connection string is malformed: {exception.Message}", nameof(connectionString), exception);
        }

        if (builder.ContainsKey("Host"))
        {
            return BufferStoreKind.Postgres;
        }

        if (builder.ContainsKey("Data Source") || builder.ContainsKey("DataSource") || builder.ContainsKey("Filename"))
        {
            return BufferStoreKind.Sqlite;
        }

        throw new ArgumentException(
            "The buffer connection string names neither store: give a file path or 'Data Source=<file>' for SQLite, or 'Host=...;Database=...' for PostgreSQL.",
            nameof(connectionString));
    }

    private static string AsSqlite(string connectionString) =>
        connectionString.Contains('=', StringComparison.Ordinal)
            ? connectionString
            : new SqliteConnectionStringBuilder { DataSource = connectionString }.ToString();
}
