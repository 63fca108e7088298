using Highwater.Sources.Reading.Columns;

namespace Highwater.Sources.Reading.Sql;

/// <summary>What a SQL source turned out to have: its columns matched to the definition, and the key and mark columns' types for the keyset parameters.</summary>
internal sealed record SqlShape(ColumnMap Columns, SqlColumn Key, SqlColumn? Mark);
