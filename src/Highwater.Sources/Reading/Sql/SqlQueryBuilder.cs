using Highwater.Sources.Reading.Columns;

namespace Highwater.Sources.Reading.Sql;

/// <summary>
/// Writes a source's SELECTs. Identifiers come from the validated definition and are quoted by
/// the dialect; every value (mark, key, page size) is a parameter.
/// </summary>
internal sealed class SqlQueryBuilder
{
    public const string MarkParameter = "@mark";
    public const string KeyParameter = "@key";
    public const string FloorParameter = "@floor";
    public const string LimitParameter = "@limit";

    private readonly SqlDialect _dialect;
    private readonly SourceDefinition _definition;

    public SqlQueryBuilder(SqlDialect dialect, SourceDefinition definition)
    {
        _dialect = dialect;
        _definition = definition;
        From = definition.Table is { } table
            ? $"{dialect.QuoteTable(table)} AS src"
            : $"({definition.Query!.Trim().TrimEnd(';').TrimEnd()}) AS src";
    }

    /// <summary>The FROM clause's source: the quoted table, or the query as a subquery, named <c>src</c>.</summary>
    public string From { get; }

    /// <summary>No rows, only the columns and their types.</summary>
    public string Probe() => $"SELECT * FROM {From} LIMIT 0";

    /// <summary>The column as the queries refer to it.</summary>
    public string Column(string name) => $"src.{_dialect.Quote(name)}";

    /// <summary>The mark as the keyset orders and compares it.</summary>
    public string Mark(ColumnMap columns) => _dialect.MarkExpression(Column(columns.Mark!), _definition.MarkKind);

    /// <summary>
    /// A keyset page: rows past (<see cref="MarkParameter"/>, <see cref="KeyParameter"/>) when
    /// <paramref name="after"/>, in (mark, key) order, at most <see cref="LimitParameter"/>.
    /// </summary>
    public string Page(ColumnMap columns, bool after, bool fromMark = false)
    {
        var mark = Mark(columns);
        var key = Column(columns.Key);
        var where = $"{mark} IS NOT NULL AND {key} IS NOT NULL";
        if (after)
        {
            if (_dialect.MarkFloorCondition(Column(columns.Mark!), _definition.MarkKind) is { } floor)
            {
                where += $" AND {floor}";
            }

            // "mark >= @mark" is implied by the keyset condition, but it is what lets an index on
            // the mark (or, in SQLite, on the normalised mark expression) seek instead of scan.
            // An empty key stands before every key: the page starts at the mark itself (a look-back start).
            where += $" AND {mark} >= {MarkParameter}";
            if (!fromMark)
            {
                where += $" AND {_dialect.KeysetCondition(mark, key)}";
            }
        }

        return $"SELECT {SelectList(columns)} FROM {From} WHERE {where} ORDER BY {mark}, {key} LIMIT {LimitParameter}";
    }

    /// <summary>
    /// Rows whose mark is NULL or unreadable (the keyset skips them): the first keys, each with the
    /// count of all of them. <c>mark IS NULL</c> seeks on the (mark, key) index the docs ask for.
    /// </summary>
    public string Unmarked(ColumnMap columns)
    {
        var key = Column(columns.Key);
        return $"SELECT {key}, count(*) OVER () FROM {From} WHERE {Mark(columns)} IS NULL AND {key} IS NOT NULL ORDER BY {key} LIMIT {LimitParameter}";
    }

    /// <summary>Every row, in key order (diff mode).</summary>
    public string All(ColumnMap columns)
    {
        var key = Column(columns.Key);
        return $"SELECT {SelectList(columns)} FROM {From} WHERE {key} IS NOT NULL ORDER BY {key}";
    }

    /// <summary>Key, then mark, then deleted when the source has them, then the properties: the order <see cref="SqlRowReader"/> reads.</summary>
    private string SelectList(ColumnMap columns)
    {
        var list = new List<string> { Column(columns.Key) };
        if (columns.Mark is not null)
        {
            list.Add(Mark(columns));
        }

        if (columns.Deleted is not null)
        {
            list.Add(Column(columns.Deleted));
        }

        list.AddRange(columns.Properties.Select(p => Column(p.Column)));
        return string.Join(", ", list);
    }
}
