using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Highwater.Storage.Sqlite;

/// <summary>
/// One statement prepared once and run for many rows, on SQLite's own API inside the connection's
/// current transaction. A <see cref="SqliteCommand"/> finds each parameter by name and builds a
/// reader on every execution: for an ingest of tens of thousands of rows a second that cost as much
/// as SQLite's own work, and a page sent as one JSON parameter cost SQLite as much again to parse.
/// Text is bound as UTF-8 from a reused buffer; SQLite copies it (SQLITE_TRANSIENT).
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private const int Row = 100;
    private const int Done = 101;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private byte[] _utf8 = new byte[1024];

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_database, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            _statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, _database);
        }
    }

    public SqliteStatement Text(int index, string? value)
    {
        if (value is null)
        {
            return Null(index);
        }

        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (length > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
        }

        var written = Encoding.UTF8.GetBytes(value, _utf8);
        return Text(index, _utf8.AsSpan(0, written));
    }

    public SqliteStatement Text(int index, ReadOnlySpan<byte> utf8)
    {
        Check(raw.sqlite3_bind_text(_statement, index, utf8));
        return this;
    }

    public SqliteStatement Integer(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public SqliteStatement Null(int index)
    {
        Check(raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    /// <summary>Runs the statement with the values bound; returns the first column of its first row (RETURNING), or null.</summary>
    public long? Execute()
    {
        try
        {
            long? first = null;
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == Row)
            {
                first ??= raw.sqlite3_column_int64(_statement, 0);
            }

            if (rc != Done)
            {
                SqliteException.ThrowExceptionForRC(rc, _database);
            }

            return first;
        }
        finally
        {
            // Ready for the next row; the bound values stay until replaced.
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }
    }
}
