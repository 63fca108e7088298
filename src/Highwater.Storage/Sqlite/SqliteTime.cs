namespace Highwater.Storage.Sqlite;

/// <summary>
/// Times as SQLite stores them: microseconds since the Unix epoch, UTC. Integers sort and
/// compare in SQL, and microseconds are PostgreSQL's precision, so both stores round alike.
/// </summary>
internal static class SqliteTime
{
    public static long ToColumn(DateTimeOffset value) =>
        (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset FromColumn(long value) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (value * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
}
