namespace Highwater.Sources.Reading.Sql;

/// <summary>A column of a table or query as the database describes it.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="ClrType">The .NET type its values are read as (SQLite: the type of its first value that is not NULL).</param>
/// <param name="DataTypeName">The database's name for its type (<c>timestamp without time zone</c>), or empty.</param>
internal sealed record SqlColumn(string Name, Type ClrType, string DataTypeName);
