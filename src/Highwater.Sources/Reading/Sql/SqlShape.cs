using Highwater.Sources.Reading.Columns;

namespace Highwater.Sources.Reading.Sql;

/// <summary>What a SQL source turned out to have: its columns matched to the definition, and the key and mark columns' types for the keyset parameters.</summary>
/// <param name="Columns">The definition's columns as the source names them.</param>
/// <param name="Key">The key column.</param>
/// <param name="Mark">The mark column, if any.</param>
/// <param name="Settled">Whether the types are known for good; an empty SQLite table leaves them open, to be learnt again.</param>
internal sealed record SqlShape(ColumnMap Columns, SqlColumn Key, SqlColumn? Mark, bool Settled);
