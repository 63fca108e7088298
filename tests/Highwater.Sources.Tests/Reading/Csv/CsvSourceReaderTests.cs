using System.Text;
using Highwater.Sources.Reading;

namespace Highwater.Sources.Tests.Reading.Csv;

public sealed class CsvSourceReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hw_src_csv_").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string text, bool bom = false)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.csv");
        System.IO.File.WriteAllText(path, text, new UTF8Encoding(bom));
        return path;
    }

    private static SourceDefinition Source(string path) => new()
    {
        Name = "crm_users",
        Kind = SourceKind.Csv,
        Connection = path,
        KeyColumn = "id",
    };

    private static async Task<List<SourceRow>> ReadAsync(SourceDefinition source)
    {
        await using var reader = SourceReaderFactory.Create(source);
        var rows = new List<SourceRow>();
        await foreach (var row in reader.ReadAllAsync(CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task ReadAll_ReadsEveryRecordInFileOrder_ByHeaderName()
    {
        var path = File("email,id,name\nann@example.com,2,Ann\nbob@example.com,1,Bob\n");

        var rows = await ReadAsync(Source(path));

        Assert.Equal(["2", "1"], rows.Select(r => r.Key));
        Assert.Equal(["email", "name"], rows[0].Properties.Keys);
        Assert.Equal("Bob", rows[1].Properties["name"]);
        Assert.All(rows, r => Assert.Null(r.Mark));
        Assert.All(rows, r => Assert.False(r.Deleted));
    }

    [Fact]
    public async Task ReadAll_EmptyField_StaysEmptyText()
    {
        var path = File("id,email,name\n1,,\"\"\n");

        var row = Assert.Single(await ReadAsync(Source(path)));

        Assert.Equal(string.Empty, row.Properties["email"]);
        Assert.Equal(string.Empty, row.Properties["name"]);
    }

    [Fact]
    public async Task ReadAll_QuotedFields_KeepCommasQuotesAndLineBreaks()
    {
        var path = File("id,note\r\n1,\"a, b\"\r\n2,\"she said \"\"hi\"\"\"\r\n3,\"two\nlines\"\r\n");

        var rows = await ReadAsync(Source(path));

        Assert.Equal(["a, b", "she said \"hi\"", "two\nlines"], rows.Select(r => r.Properties["note"]));
    }

    [Fact]
    public async Task ReadAll_ListedProperties_ReadsOnlyThose_MatchingHeadersIgnoringCase()
    {
        var path = File("ID,Email,Name,Phone\n1,ann@example.com,Ann,555\n");

        var row = Assert.Single(await ReadAsync(Source(path) with { PropertyColumns = ["email", "Phone"] }));

        Assert.Equal("1", row.Key);
        Assert.Equal(["email", "Phone"], row.Properties.Keys);
        Assert.Equal("ann@example.com", row.Properties["email"]);
    }

    [Fact]
    public async Task ReadAll_DeletedColumn_ReadsTrueOneAndTimestampsAsDeleted()
    {
        var path = File("id,deleted\n1,true\n2,1\n3,2024-05-06T07:08:09Z\n4,false\n5,0\n6,\n7,TRUE\n");

        var rows = await ReadAsync(Source(path) with { DeletedColumn = "deleted" });

        Assert.Equal([true, true, true, false, false, false, true], rows.Select(r => r.Deleted));
        Assert.Empty(rows[0].Properties);
    }

    [Fact]
    public async Task ReadAll_DeletionsSource_MarksEveryRowDeleted()
    {
        var path = File("id\n1\n2\n");

        var rows = await ReadAsync(Source(path) with { IsDeletions = true });

        Assert.Equal([true, true], rows.Select(r => r.Deleted));
    }

    [Fact]
    public async Task ReadAll_ByteOrderMark_IsNotPartOfTheFirstHeader()
    {
        var path = File("id,email\n1,ann@example.com\n", bom: true);

        Assert.Equal("1", Assert.Single(await ReadAsync(Source(path))).Key);
    }

    [Fact]
    public async Task ReadAll_LargeFile_StreamsEveryRecord()
    {
        var path = Path.Combine(_folder, "large.csv");
        await using (var writer = new StreamWriter(path))
        {
            await writer.WriteLineAsync("id,email");
            for (var i = 0; i < 100_000; i++)
            {
                await writer.WriteLineAsync($"{i},user{i}@example.com");
            }
        }

        await using var reader = SourceReaderFactory.Create(Source(path));
        var count = 0;
        await foreach (var row in reader.ReadAllAsync(CancellationToken.None))
        {
            Assert.Equal($"user{count}@example.com", row.Properties["email"]);
            count++;
        }

        Assert.Equal(100_000, count);
    }

    [Fact]
    public async Task ReadAll_RecordWithTooFewFields_NamesTheLine()
    {
        var path = File("id,email,name\n1,a@example.com,Ann\n2,b@example.com\n");

        var e = await Assert.ThrowsAsync<SourceException>(() => ReadAsync(Source(path)));

        Assert.StartsWith($"source 'crm_users': '{path}' line 3: ", e.Message, StringComparison.Ordinal);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task ReadPage_IsRefused()
    {
        await using var reader = SourceReaderFactory.Create(Source(File("id\n1\n")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => reader.ReadPageAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Check_GoodFile_Passes()
    {
        await using var reader = SourceReaderFactory.Create(Source(File("id,email\n1,a@example.com\n")) with { PropertyColumns = ["email"] });

        await reader.CheckAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Check_MissingColumn_NamesSourceColumnAndFile()
    {
        var path = File("id,email\n1,a@example.com\n");
        await using var reader = SourceReaderFactory.Create(Source(path) with { PropertyColumns = ["email", "phone"] });

        var e = await Assert.ThrowsAsync<SourceException>(() => reader.CheckAsync(CancellationToken.None));

        Assert.Equal($"source 'crm_users': column 'phone' not found in the header of '{path}'", e.Message);
    }

    [Fact]
    public async Task Check_MissingFile_IsReported()
    {
        var path = Path.Combine(_folder, "missing.csv");
        await using var reader = SourceReaderFactory.Create(Source(path));

        var e = await Assert.ThrowsAsync<SourceException>(() => reader.CheckAsync(CancellationToken.None));

        Assert.Equal($"source 'crm_users': file '{path}' not found", e.Message);
        Assert.IsType<FileNotFoundException>(e.InnerException);
    }

    [Fact]
    public async Task Check_EmptyFile_SaysTheHeaderIsMissing()
    {
        var path = File(string.Empty);
        await using var reader = SourceReaderFactory.Create(Source(path));

        var e = await Assert.ThrowsAsync<SourceException>(() => reader.CheckAsync(CancellationToken.None));

        Assert.Equal($"source 'crm_users': '{path}' has no header row", e.Message);
    }
}
