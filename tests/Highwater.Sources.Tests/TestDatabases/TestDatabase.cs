using System.Data.Common;
using Highwater.Sources.Reading;

namespace Highwater.Sources.Tests.TestDatabases;

/// <summary>
/// One scratch database per test class: made before its first test, dropped after its last.
/// Knows the little SQL the tests need to set up tables, in its own dialect.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private bool _available = true;

    public abstract SourceKind Kind { get; }

    /// <summary>The connection string sources use to read this database.</summary>
    public string ConnectionString { get; protected set; } = string.Empty;

    /// <summary>A connection string for this kind of database at which nothing answers.</summary>
    public abstract string UnreachableConnectionString { get; }

    public abstract string TextType { get; }

    public abstract string IntType { get; }

    public abstract string BigIntType { get; }

    public abstract string TimestampType { get; }

    public abstract string BoolType { get; }

    public abstract string DoubleType { get; }

    public abstract string BlobType { get; }

    /// <summary>The environment variable naming the server; null for a database that needs none.</summary>
    protected virtual string? Variable => null;

    protected virtual string ServerName => Kind.ToString();

    /// <summary>A random name for a scratch database or file.</summary>
    protected static string NewName() => $"hw_src_{Guid.NewGuid():N}"[..19];

    public async Task InitializeAsync()
    {
        var server = Variable is null ? null : Environment.GetEnvironmentVariable(Variable);
        if (Variable is not null && string.IsNullOrWhiteSpace(server))
        {
            _available = false;
            return;
        }

        await CreateAsync(server);
    }

    public async Task DisposeAsync()
    {
        if (_available)
        {
            await DropAsync();
        }
    }

    /// <summary>Skips the test (fails it under CI) when the server is not configured.</summary>
    public void EnsureAvailable() => ServerRequirement.Require(_available, Variable ?? string.Empty, ServerName);

    public abstract string Quote(string identifier);

    /// <summary>The table's name qualified with its schema (or database), as a source may give it.</summary>
    public abstract string Qualified(string table);

    /// <summary>A timestamp as this database takes it in an INSERT.</summary>
    public virtual object Timestamp(DateTime utc) => utc;

    public abstract DbConnection CreateConnection();

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {Quote(table)}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Inserts rows in one transaction, values as parameters.</summary>
    public async Task InsertAsync(string table, string[] columns, IEnumerable<object?[]> rows)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = columns.Select((_, i) => $"@p{i}").ToArray();
        command.CommandText = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", names)})";
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            for (var i = 0; i < columns.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = names[i];
                parameter.Value = row[i] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    protected abstract Task CreateAsync(string? server);

    protected abstract Task DropAsync();
}
