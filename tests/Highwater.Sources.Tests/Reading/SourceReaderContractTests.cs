using System.Globalization;
using Highwater.Sources.Reading;
using Highwater.Sources.Tests.TestDatabases;
using Highwater.Storage.Marks;

namespace Highwater.Sources.Tests.Reading;

/// <summary>
/// What every SQL source reader must do, whatever its database: each database's test class
/// inherits this suite and brings its own scratch database.
/// </summary>
public abstract partial class SourceReaderContractTests<TDatabase> : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    /// <summary>A timestamp every database keeps exactly (milliseconds; SQLite's marks are to the millisecond).</summary>
    protected static readonly DateTime T0 = new(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc);

    private static int _tables;

    protected SourceReaderContractTests(TDatabase database)
    {
        Database = database;
    }

    protected TDatabase Database { get; }

    protected static string Text(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    protected static string NewTable(string prefix) => $"{prefix}_{Interlocked.Increment(ref _tables)}";

    protected SourceDefinition Source(string table, string? mark = "updated_at") => new()
    {
        Name = "crm_users",
        Kind = Database.Kind,
        Connection = Database.ConnectionString,
        Table = table,
        KeyColumn = "id",
        MarkColumn = mark,
    };

    /// <summary>A table (id, email, updated_at) holding <paramref name="rows"/>.</summary>
    protected async Task<string> UsersAsync(string keyType, IEnumerable<(object Id, DateTime? UpdatedAt)> rows)
    {
        var table = NewTable("users");
        await Database.ExecuteAsync(
            $"CREATE TABLE {Database.Quote(table)} (id {keyType}, email {Database.TextType}, updated_at {Database.TimestampType})");
        await Database.InsertAsync(
            table,
            ["id", "email", "updated_at"],
            rows.Select(r => new object?[] { r.Id, $"{r.Id}@example.com", r.UpdatedAt is { } t ? Database.Timestamp(t) : null }));
        return table;
    }

    /// <summary>Reads the source page by page from the start, as a poller would, checking each page's size.</summary>
    protected static async Task<List<SourceRow>> ReadAllPagesAsync(ISourceReader reader, int pageSize)
    {
        var rows = new List<SourceRow>();
        SourceMark? after = null;
        for (var pages = 0; pages < 100_000; pages++)
        {
            var page = await reader.ReadPageAsync(after, pageSize, CancellationToken.None);
            Assert.True(page.Count <= pageSize, $"a page of {page.Count} rows for a page size of {pageSize}");
            if (page.Count == 0)
            {
                return rows;
            }

            rows.AddRange(page);
            after = new SourceMark(page[^1].Mark!, page[^1].Key);
        }

        throw new InvalidOperationException("The pages never ended.");
    }

    protected static async Task<List<SourceRow>> ToListAsync(IAsyncEnumerable<SourceRow> rows)
    {
        var list = new List<SourceRow>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }
}
