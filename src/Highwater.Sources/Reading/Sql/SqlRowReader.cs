using System.Data.Common;
using Highwater.Sources.Reading.Columns;
using Highwater.Sources.Reading.Values;

namespace Highwater.Sources.Reading.Sql;

/// <summary>Turns the current row of a <see cref="SqlQueryBuilder"/> SELECT into a <see cref="SourceRow"/>.</summary>
internal sealed class SqlRowReader(SourceDefinition definition, ColumnMap columns)
{
    public SourceRow Read(DbDataReader reader)
    {
        var ordinal = 0;
        var key = ValueText.From(reader.GetValue(ordinal++)) ?? string.Empty;
        var mark = columns.Mark is null ? null : MarkText.From(reader.GetValue(ordinal++), definition.MarkKind);
        var deleted = definition.IsDeletions;
        if (columns.Deleted is not null)
        {
            deleted = DeletedValue.IsDeleted(reader.GetValue(ordinal++));
        }

        var properties = new Dictionary<string, string?>(columns.Properties.Count, StringComparer.Ordinal);
        foreach (var property in columns.Properties)
        {
            properties[property.Property] = ValueText.From(reader.GetValue(ordinal++));
        }

        return new SourceRow(key, mark, properties, deleted);
    }
}
