namespace Highwater.Sources.Reading;

/// <summary>Where a source's rows come from.</summary>
public enum SourceKind
{
    /// <summary>A table or query in a SQLite file.</summary>
    Sqlite,

    /// <summary>A table or query in PostgreSQL.</summary>
    Postgres,

    /// <summary>A table or query in MySQL or MariaDB.</summary>
    MySql,

    /// <summary>A CSV file (always read whole and diffed by content hash).</summary>
    Csv,
}
