using System.Data.Common;
using Highwater.Sources.Reading.Columns;

namespace Highwater.Sources.Reading.Sql;

internal sealed partial class SqlSourceReader
{
    private async Task<SqlShape> GetShapeAsync(DbConnection connection, CancellationToken cancellationToken) =>
        _shape ??= await DiscoverAsync(connection, cancellationToken);

    /// <summary>
    /// Reads one row of every column to learn the columns and their types, and matches the
    /// definition's columns to them; throws a <see cref="SourceException"/> naming what is missing.
    /// </summary>
    private async Task<SqlShape> DiscoverAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var columns = await ProbeAsync(connection, cancellationToken);
        var missing = new List<string>();
        var map = ColumnMap.Resolve(Definition, [.. columns.Select(c => c.Name)], missing);
        if (map is null)
        {
            throw new SourceException($"source '{Definition.Name}': {NotFound(missing)}");
        }

        var key = columns.First(c => c.Name == map.Key);
        var mark = map.Mark is null ? null : columns.First(c => c.Name == map.Mark);
        if (mark is not null && _dialect.MarkTypeProblem(mark, Definition.MarkKind) is { } problem)
        {
            throw new SourceException($"source '{Definition.Name}': {problem}");
        }

        return new SqlShape(map, key, mark);
    }

    private async Task<List<SqlColumn>> ProbeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _query.Probe();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);

            // SQLite types values, not columns: with a row to look at, the types are the values' own.
            var hasRow = await reader.ReadAsync(cancellationToken);
            var columns = new List<SqlColumn>(reader.FieldCount);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var type = hasRow && !await reader.IsDBNullAsync(i, cancellationToken) ? reader.GetValue(i).GetType() : FieldType(reader, i);
                columns.Add(new SqlColumn(reader.GetName(i), type, DataTypeName(reader, i)));
            }

            return columns;
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw ProbeFailed(e);
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
            // SQLite, a NULL in an expression column with no declared type: nothing to go by.
            return typeof(object);
        }
    }

    private static string DataTypeName(DbDataReader reader, int ordinal)
    {
        var name = reader.GetDataTypeName(ordinal);
        return string.IsNullOrEmpty(name) ? reader.GetFieldType(ordinal).Name : name;
    }

    private string NotFound(List<string> missing) => missing.Count == 1
        ? $"column '{missing[0]}' not found in {Subject}"
        : $"columns {string.Join(", ", missing.Select(m => $"'{m}'"))} not found in {Subject}";
}
