using System.Data.Common;
using Highwater.Sources.Reading;

namespace Highwater.Sources.Tests.Reading;

public abstract partial class SourceReaderContractTests<TDatabase>
{
    [SkippableFact]
    public async Task Check_GoodSource_Passes()
    {
        Database.EnsureAvailable();
        var table = await PeopleAsync();
        await using var reader = SourceReaderFactory.Create(Source(table) with { DeletedColumn = "deleted", PropertyColumns = ["email", "name"] });

        await reader.CheckAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Check_MissingColumn_NamesSourceColumnAndTable()
    {
        Database.EnsureAvailable();
        var table = NewTable("users");
        await Database.ExecuteAsync($"CREATE TABLE {Database.Quote(table)} (id {Database.IntType}, email {Database.TextType})");
        await using var reader = SourceReaderFactory.Create(Source(table));

        var e = await Assert.ThrowsAsync<SourceException>(() => reader.CheckAsync(CancellationToken.None));

        Assert.Equal($"source 'crm_users': column 'updated_at' not found in table '{table}'", e.Message);
        Assert.False(e.IsTransient);
    }

    [SkippableFact]
    public async Task Check_MissingColumns_AreAllNamed()
    {
        Database.EnsureAvailable();
        var table = NewTable("users");
        await Database.ExecuteAsync($"CREATE TABLE {Database.Quote(table)} (id {Database.IntType}, email {Database.TextType})");
        await using var reader = SourceReaderFactory.Create(Source(table) with { PropertyColumns = ["email", "phone"] });

        var e = await Assert.ThrowsAsync<SourceException>(() => reader.CheckAsync(CancellationToken.None));

        Assert.Equal($"source 'crm_users': columns 'updated_at', 'phone' not found in table '{table}'", e.Message);
    }

    [SkippableFact]
    public async Task Check_MissingTable_NamesTheTable()
    {
        Database.EnsureAvailable();
        await using var reader = SourceReaderFactory.Create(Source("no_such_table"));

        var e = await Assert.ThrowsAsync<SourceException>(() => reader.CheckAsync(CancellationToken.None));

        Assert.Equal("source 'crm_users': table 'no_such_table' not found", e.Message);
        Assert.False(e.IsTransient);
    }

    [SkippableFact]
    public async Task Check_BrokenQuery_SaysTheQueryFailed()
    {
        Database.EnsureAvailable();
        await using var reader = SourceReaderFactory.Create(Source("x") with { Table = null, Query = "SELECT id FROM no_such_table" });

        var e = await Assert.ThrowsAsync<SourceException>(() => reader.CheckAsync(CancellationToken.None));

        Assert.StartsWith("source 'crm_users': the query failed: ", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<DbException>(e.InnerException);
    }

    [SkippableFact]
    public async Task Check_TextMarkColumnForTimestamps_IsReported()
    {
        Database.EnsureAvailable();
        var table = await PeopleAsync();
        await using var reader = SourceReaderFactory.Create(Source(table, mark: "email"));

        var e = await Assert.ThrowsAsync<SourceException>(() => reader.CheckAsync(CancellationToken.None));

        Assert.StartsWith("source 'crm_users': mark column 'email' ", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Check_Unreachable_IsTransientWithTheProvidersException()
    {
        Database.EnsureAvailable();
        await using var reader = SourceReaderFactory.Create(Source("users") with { Connection = Database.UnreachableConnectionString });

        var e = await Assert.ThrowsAsync<SourceException>(() => reader.CheckAsync(CancellationToken.None));

        Assert.True(e.IsTransient);
        Assert.StartsWith("source 'crm_users': cannot connect to ", e.Message, StringComparison.Ordinal);
        // It names where it tried: the server's address, or the SQLite file that is not there.
        Assert.Matches(@"(at 127\.0\.0\.1:1: |: no file at /.*missing\.db$)", e.Message);
        Assert.DoesNotContain("Password", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(e.InnerException);
    }

    [SkippableTheory]
    [InlineData("table")]
    [InlineData("keyColumn")]
    [InlineData("propertyColumns[0]")]
    public async Task Create_HostileName_IsRejectedAndNeverExecuted(string property)
    {
        Database.EnsureAvailable();
        var victim = await PeopleAsync();
        var hostile = $"users; DROP TABLE {victim}";
        var source = property switch
        {
            "table" => Source(hostile),
            "keyColumn" => Source(victim) with { KeyColumn = hostile },
            _ => Source(victim) with { PropertyColumns = [hostile] },
        };

        var e = Assert.Throws<SourceException>(() => SourceReaderFactory.Create(source));

        Assert.Equal($"sources.crm_users.{property}: '{hostile}' is not a valid identifier", e.Message);
        Assert.Equal(3, await Database.CountAsync(victim));
    }
}
