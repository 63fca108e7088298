namespace Highwater.Sources.Reading.Columns;

/// <summary>A property a source contributes and the column (or CSV header) it is read from.</summary>
/// <param name="Property">The property's name: the column's name as configured, or as found.</param>
/// <param name="Column">The column's name in the source.</param>
internal readonly record struct PropertyColumn(string Property, string Column);
