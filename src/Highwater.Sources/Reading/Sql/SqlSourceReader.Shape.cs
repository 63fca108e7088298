using System.Data.Common;
using Highwater.Sources.Reading.Columns;

namespace Highwater.Sources.Reading.Sql;

internal sealed partial class SqlSourceReader
{
    private async Task<SqlShape> GetShapeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (_shape is { } known)
        {
            return known;
        }

        var shape = await DiscoverAsync(connection, cancellationToken);
        if (shape.Settled)
        {
            _shape = shape;
        }

        return shape;
    }

    /// <summary>
    /// Learns the columns and their types and matches the definition's columns to them; throws a
    /// <see cref="SourceException"/> naming what is missing or unusable.
    /// </summary>
    private async Task<SqlShape> DiscoverAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var columns = await ProbeAsync(connection, cancellationToken);
        var missing = new List<string>();
        var map = ColumnMap.Resolve(Definition, [.. columns.Select(c => c.Name)], missing)
            ?? throw new SourceException($"source '{Definition.Name}': {NotFound(missing)}");

        var key = await SampleAsync(connection, columns.First(c => c.Name == map.Key), cancellationToken);
        var mark = map.Mark is null ? null : await SampleAsync(connection, columns.First(c => c.Name == map.Mark), cancellationToken);
        if (mark is not null && _dialect.MarkTypeProblem(mark, Definition.MarkKind) is { } problem)
        {
            throw new SourceException($"source '{Definition.Name}': {problem}");
        }

        var settled = key.ClrType != typeof(object) && mark?.ClrType != typeof(object);
        return new SqlShape(map, key, mark, settled);
    }

    private async Task<List<SqlColumn>> ProbeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _query.Probe();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var columns = new List<SqlColumn>(reader.FieldCount);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var type = FieldType(reader, i);
                var typeName = reader.GetDataTypeName(i);
                columns.Add(new SqlColumn(reader.GetName(i), type, string.IsNullOrEmpty(typeName) ? type.Name : typeName));
            }

            return columns;
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw ProbeFailed(e);
        }
    }

    private async Task<SqlColumn> SampleAsync(DbConnection connection, SqlColumn column, CancellationToken cancellationToken)
    {
        try
        {
            var sampled = await _dialect.SampleTypeAsync(connection, _query, column.Name, cancellationToken);
            return sampled is null ? column : column with { ClrType = sampled };
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw ReadFailed(e);
        }
    }

    private static Type FieldType(DbDataReader reader, int ordinal)
    {
        try
        {
            return reader.GetFieldType(ordinal);
        }
        catch (InvalidOperationException)
        {
            // SQLite, an expression with no declared type and no row: nothing to go by.
            return typeof(object);
        }
    }

    private string NotFound(List<string> missing) => missing.Count == 1
        ? $"column '{missing[0]}' not found in {Subject}"
        : $"columns {string.Join(", ", missing.Select(m => $"'{m}'"))} not found in {Subject}";
}
