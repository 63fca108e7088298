namespace Highwater.Sources.Reading.Columns;

/// <summary>
/// Which of a source's columns mean what, matched against the columns the source really has
/// (a table's, a query's or a CSV header's). Names are the source's own spelling.
/// </summary>
internal sealed record ColumnMap(string Key, string? Mark, string? Deleted, IReadOnlyList<PropertyColumn> Properties)
{
    /// <summary>
    /// Matches the definition's columns to <paramref name="available"/>: exactly, or else ignoring case
    /// when that finds only one. Empty property columns mean every column but key, mark and deleted.
    /// </summary>
    /// <param name="definition">The source.</param>
    /// <param name="available">The columns found, in order.</param>
    /// <param name="missing">Receives each configured column that was not found.</param>
    /// <returns>The map; null when any column is missing.</returns>
    public static ColumnMap? Resolve(SourceDefinition definition, IReadOnlyList<string> available, List<string> missing)
    {
        string? Find(string? configured)
        {
            if (configured is null)
            {
                return null;
            }

            var found = Match(configured, available);
            if (found is null)
            {
                missing.Add(configured);
            }

            return found;
        }

        var key = Find(definition.KeyColumn);
        var mark = Find(definition.MarkColumn);
        var deleted = Find(definition.DeletedColumn);
        var properties = definition.PropertyColumns.Count == 0
            ? Discover(available, key, mark, deleted)
            : [.. definition.PropertyColumns.Select(p => new PropertyColumn(p, Find(p) ?? p))];

        return missing.Count == 0 ? new ColumnMap(key!, mark, deleted, properties) : null;
    }

    private static List<PropertyColumn> Discover(IReadOnlyList<string> available, string? key, string? mark, string? deleted)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var properties = new List<PropertyColumn>();
        foreach (var name in available)
        {
            // A query may return a column twice, or a CSV header leave one unnamed: take each name once.
            if (!string.IsNullOrWhiteSpace(name) && name != key && name != mark && name != deleted && seen.Add(name))
            {
                properties.Add(new PropertyColumn(name, name));
            }
        }

        return properties;
    }

    private static string? Match(string configured, IReadOnlyList<string> available)
    {
        if (available.Contains(configured, StringComparer.Ordinal))
        {
            return configured;
        }

        var ignoringCase = available.Where(a => string.Equals(a, configured, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return ignoringCase.Count == 1 ? ignoringCase[0] : null;
    }
}
