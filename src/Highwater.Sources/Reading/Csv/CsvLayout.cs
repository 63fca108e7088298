using Highwater.Sources.Reading.Columns;

namespace Highwater.Sources.Reading.Csv;

/// <summary>Where a CSV source's columns are in its header: the key's, the deleted column's and each property's field index.</summary>
internal sealed record CsvLayout(int Key, int? Deleted, IReadOnlyList<(string Property, int Index)> Properties)
{
    public static CsvLayout From(ColumnMap columns, IReadOnlyList<string> header)
    {
        // The first column of a name wins, as CsvHelper's own lookups do.
        int IndexOf(string name) => header.Select((h, i) => (h, i)).First(c => c.h == name).i;
        return new CsvLayout(
            IndexOf(columns.Key),
            columns.Deleted is null ? null : IndexOf(columns.Deleted),
            [.. columns.Properties.Select(p => (p.Property, IndexOf(p.Column)))]);
    }
}
