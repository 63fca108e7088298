using System.Data.Common;
using Highwater.Sources.Reading.Columns;
using Highwater.Sources.Reading.Values;

namespace Highwater.Sources.Reading.Sql;

/// <summary>Turns the current row of a <see cref="SqlQueryBuilder"/> SELECT into a <see cref="SourceRow"/>.</summary>
internal sealed class SqlRowReader(SourceDefinition definition, ColumnMap columns, SqlDialect dialect)
{
    public SourceRow Read(DbDataReader reader)
    {
        var ordinal = 0;
        var key = ValueText.From(dialect.ReadValue(reader, ordinal++)) ?? string.Empty;
        var mark = columns.Mark is null ? null : MarkText.From(dialect.ReadValue(reader, ordinal++), definition.MarkKind);
        var deleted = definition.IsDeletions;
        if (columns.Deleted is not null)
        {
            deleted = DeletedValue.IsDeleted(dialect.ReadValue(reader, ordinal++));
        }

        var properties = new Dictionary<string, string?>(columns.Properties.Count, StringComparer.Ordinal);
        for (var i = 0; i < columns.Properties.Count; i++)
        {
            properties[columns.Properties[i].Property] = ValueText.From(dialect.ReadValue(reader, ordinal++));
        }

        return new SourceRow(key, mark, properties, deleted);
    }
}
