using Npgsql;

namespace Highwater.Storage.Postgres;

/// <summary>One PostgreSQL database behind a pooled data source: single statements, and transactions.</summary>
internal sealed class PostgresDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    /// <summary>A command that runs on its own pooled connection (one statement, its own transaction).</summary>
    public NpgsqlCommand Command(string sql) => dataSource.CreateCommand(sql);

    /// <summary>Runs <paramref name="work"/> in one transaction; anything thrown rolls all of it back.</summary>
    public async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction);
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
