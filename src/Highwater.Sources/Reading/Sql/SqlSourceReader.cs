using System.Data.Common;
using System.Runtime.CompilerServices;
using Highwater.Storage.Marks;

namespace Highwater.Sources.Reading.Sql;

/// <summary>
/// Reads a table or query in SQLite, PostgreSQL or MySQL/MariaDB; the <see cref="SqlDialect"/> holds
/// what differs. Each call opens its own (pooled) connection, so nothing stays open between polls.
/// </summary>
internal sealed partial class SqlSourceReader : ISourceReader
{
    private readonly SqlDialect _dialect;
    private readonly SqlQueryBuilder _query;

    // Learnt from the database on first use (or by CheckAsync) and kept: the columns and the key's and mark's types.
    private SqlShape? _shape;

    public SqlSourceReader(SourceDefinition definition, SqlDialect dialect)
    {
        Definition = definition;
        _dialect = dialect;
        _query = new SqlQueryBuilder(dialect, definition);
    }

    public SourceDefinition Definition { get; }

    public async Task<IReadOnlyList<SourceRow>> ReadPageAsync(SourceMark? after, int pageSize, CancellationToken cancellationToken)
    {
        if (Definition.MarkColumn is null)
        {
            throw new InvalidOperationException($"Source '{Definition.Name}' has no mark column: read it whole with ReadAllAsync.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var connection = await OpenAsync(cancellationToken);
        var shape = await GetShapeAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = _query.Page(shape.Columns, after is not null, fromMark: after is { Key.Length: 0 });
        AddParameter(command, SqlQueryBuilder.LimitParameter, pageSize);
        if (after is not null)
        {
            AddKeysetParameters(command, shape, after);
        }

        var rows = new List<SourceRow>(Math.Min(pageSize, 1024));
        var rowReader = new SqlRowReader(Definition, shape.Columns, _dialect);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(rowReader.Read(reader));
            }
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw ReadFailed(e);
        }

        return rows;
    }

    public async IAsyncEnumerable<SourceRow> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var shape = await GetShapeAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = _query.All(shape.Columns);
        var rowReader = new SqlRowReader(Definition, shape.Columns, _dialect);

        DbDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw ReadFailed(e);
        }

        // Streamed row by row: the database sends the rows as they are read, never the whole table at once.
        await using (reader)
        {
            while (await NextAsync(reader, cancellationToken))
            {
                yield return rowReader.Read(reader);
            }
        }
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var shape = await DiscoverAsync(connection, cancellationToken);
        if (Definition.MarkColumn is not null
            && await _dialect.CheckMarkValuesAsync(connection, _query, shape, Definition, cancellationToken) is { } problem)
        {
            throw new SourceException($"source '{Definition.Name}': {problem}");
        }

        _shape = shape;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private async Task<bool> NextAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        // Drivers return buffered rows without looking at the token: look at it for them.
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await reader.ReadAsync(cancellationToken);
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw ReadFailed(e);
        }
    }
}
