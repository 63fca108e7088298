using System.Globalization;

namespace Highwater.Sources.Reading.Validation;

internal static partial class SourceDefinitionValidator
{
    private static void CheckColumns(SourceDefinition definition, Problems problems)
    {
        // A CSV header is data, not SQL: any non-blank name can be looked up in it.
        Func<string, bool> isValid = definition.Kind == SourceKind.Csv ? name => !string.IsNullOrWhiteSpace(name) : Identifier.IsValid;

        if (string.IsNullOrWhiteSpace(definition.KeyColumn))
        {
            problems.Add("keyColumn", "required");
        }
        else if (!isValid(definition.KeyColumn))
        {
            problems.Add("keyColumn", $"'{definition.KeyColumn}' is not a valid identifier");
        }

        if (definition.Kind == SourceKind.Csv && definition.MarkColumn is not null)
        {
            problems.Add("markColumn", "CSV sources have no mark column (they are read whole and compared by content)");
        }
        else if (definition.MarkColumn is { } mark)
        {
            if (!isValid(mark))
            {
                problems.Add("markColumn", $"'{mark}' is not a valid identifier");
            }
            else if (string.Equals(mark, definition.KeyColumn, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add("markColumn", "must not be the key column");
            }
        }

        if (definition.DeletedColumn is { } deleted && !isValid(deleted))
        {
            problems.Add("deletedColumn", $"'{deleted}' is not a valid identifier");
        }

        if (definition.IsDeletions && definition.DeletedColumn is not null)
        {
            problems.Add("isDeletions", "a deletions source marks every row deleted; give deletedColumn or isDeletions, not both");
        }

        CheckPropertyColumns(definition.PropertyColumns ?? [], isValid, problems);
    }

    private static void CheckPropertyColumns(IReadOnlyList<string> columns, Func<string, bool> isValid, Problems problems)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"propertyColumns[{i}]");
            if (!isValid(columns[i]))
            {
                problems.Add(at, $"'{columns[i]}' is not a valid identifier");
            }
            else if (!seen.Add(columns[i]))
            {
                problems.Add(at, $"'{columns[i]}' is listed twice");
            }
        }
    }
}
