using System.Globalization;
using Highwater.Sources.Reading;

namespace Highwater.Sources.Tests.Reading;

public abstract partial class SourceReaderContractTests<TDatabase>
{
    [SkippableFact]
    public async Task ReadAll_NoMarkColumn_StreamsEveryRowInKeyOrder()
    {
        Database.EnsureAvailable();
        var keys = Enumerable.Range(1, 2500).OrderBy(k => (k * 7919) % 2500).ToList();
        var table = await UsersAsync(Database.IntType, keys.Select(k => ((object)k, (DateTime?)null)));
        await using var reader = SourceReaderFactory.Create(Source(table, mark: null));

        var rows = await ToListAsync(reader.ReadAllAsync(CancellationToken.None));

        Assert.Equal(Enumerable.Range(1, 2500).Select(k => k.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r.Key));
        Assert.All(rows, r => Assert.Null(r.Mark));
        Assert.Equal("7@example.com", rows[6].Properties["email"]);
        Assert.Equal(["email", "updated_at"], rows[0].Properties.Keys);
    }

    [SkippableFact]
    public async Task ReadAll_WithMarkColumn_CarriesTheMarks()
    {
        Database.EnsureAvailable();
        var table = await UsersAsync(Database.IntType, [(2, T0), (1, T0.AddSeconds(1))]);
        await using var reader = SourceReaderFactory.Create(Source(table));

        var rows = await ToListAsync(reader.ReadAllAsync(CancellationToken.None));

        Assert.Equal(["1", "2"], rows.Select(r => r.Key));
        Assert.Equal([Text(T0.AddSeconds(1)), Text(T0)], rows.Select(r => r.Mark));
    }

    [SkippableFact]
    public async Task ReadAll_StoppedEarly_LeavesTheReaderUsable()
    {
        Database.EnsureAvailable();
        var table = await UsersAsync(Database.IntType, Enumerable.Range(1, 500).Select(k => ((object)k, (DateTime?)T0)));
        await using var reader = SourceReaderFactory.Create(Source(table, mark: null));

        await foreach (var row in reader.ReadAllAsync(CancellationToken.None))
        {
            Assert.Equal("1", row.Key);
            break;
        }

        Assert.Equal(500, (await ToListAsync(reader.ReadAllAsync(CancellationToken.None))).Count);
    }

    [SkippableFact]
    public async Task ReadAll_Cancelled_Stops()
    {
        Database.EnsureAvailable();
        var table = await UsersAsync(Database.IntType, Enumerable.Range(1, 50).Select(k => ((object)k, (DateTime?)T0)));
        await using var reader = SourceReaderFactory.Create(Source(table, mark: null));
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var row in reader.ReadAllAsync(cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        });
    }
}
