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
    /// <summary>How many rows run between two looks at the cancellation token.</summary>
    private const int CancellationStride = 1024;

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

    /// <summary>Runs a statement that returns no rows with the values bound; returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != Done)
            {
                SqliteException.ThrowExceptionForRC(rc == Row ? raw.SQLITE_MISUSE : rc, _database);
            }

            return raw.sqlite3_changes(_database);
        }
        finally
        {
            // Ready for the next row; the bound values stay until replaced.
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Steps a query once: true when a row is there to read; <see cref="Reset"/> before binding the next values.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc is Row or Done)
        {
            return rc == Row;
        }

        try
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
            return false;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public string ColumnText(int index) => raw.sqlite3_column_text(_statement, index).utf8_to_string();

    public long ColumnInteger(int index) => raw.sqlite3_column_int64(_statement, index);

    public void Reset() => raw.sqlite3_reset(_statement);

    public void Dispose() => _statement.Dispose();

    /// <summary>Counts a row and, every <see cref="CancellationStride"/> rows (the first included), looks at the token.</summary>
    public static void Count(ref int rows, CancellationToken cancellationToken)
    {
        if (rows++ % CancellationStride == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }
    }
}
