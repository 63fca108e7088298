using Microsoft.Data.Sqlite;

namespace Highwater.Storage.Sqlite;

/// <summary>
/// One SQLite file: opens connections set up alike (foreign keys on, a busy timeout, the
/// functions the queries use) and runs write transactions that take the write lock up front.
/// </summary>
internal sealed class SqliteDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            Pooling = true,
        };
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            throw new ArgumentException("The SQLite buffer needs a file: an in-memory database would be a different one on every connection.", nameof(connectionString));
        }

        _connectionString = builder.ToString();
        Checkpointer = new SqliteCheckpointer(this);
    }

    /// <summary>Checkpoints the log after write transactions, off the writer's thread.</summary>
    public SqliteCheckpointer Checkpointer { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var pragma = connection.CreateCommand())
            {
                // Wait for another process's write lock instead of failing at once. In WAL mode,
                // synchronous=NORMAL cannot corrupt the file or lose a commit to a process crash; a
                // power cut may lose the last commits, but a mark commits with the changes it covers,
                // so those rows are simply read again.
                // A 64 MB page cache keeps the buffer's indexes in memory while a page of changes
                // lands in them (the 2 MB default thrashes on random keys).
                // The checkpointer copies the log back after writes; SQLite's own checkpoint
                // (in the committing thread) waits for a log of 10,000 pages (40 MB) instead of 1,000.
                pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 10000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            // SQLite's lower() folds ASCII only; .NET folds the rest of Unicode too.
            try
            {
                connection.CreateFunction<string?, string?, bool>(
                    "hw_contains",
                    static (text, part) => text is not null && part is not null && text.Contains(part, StringComparison.OrdinalIgnoreCase),
                    isDeterministic: true);
            }
            catch (SqliteException exception) when (exception.SqliteErrorCode == 5)
            {
                // SQLITE_BUSY: a pooled handle with a statement still stepping (seen once under a
                // loaded parallel test run) cannot re-register; the handle has the function from
                // the open that first registered it, so nothing is missing.
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a BEGIN IMMEDIATE transaction: the write lock is taken before
    /// the first read, so what the work reads cannot change before it commits, in this process or
    /// another. Anything thrown rolls the whole transaction back.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var result = await work(connection, transaction);
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(cancellationToken);
        Checkpointer.Nudge();
        return result;
    }

    /// <summary>Waits for a running checkpoint, then closes the pooled connections to this file (so it can be deleted, say).</summary>
    public async Task CloseAsync()
    {
        await Checkpointer.DrainAsync();
        ClearPool();
    }

    /// <summary>Closes the pooled connections to this file.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
