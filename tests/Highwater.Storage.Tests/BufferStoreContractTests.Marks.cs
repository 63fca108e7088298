using Highwater.Storage.Ingest;
using Highwater.Storage.Marks;

namespace Highwater.Storage.Tests;

public abstract partial class BufferStoreContractTests
{
    [SkippableFact]
    public async Task SetMark_MovesTheMarkAndKeepsTheRowHashes()
    {
        var a = Unique("a");
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Mark = new SourceMark("2031-01-01T00:00:00.0000000Z", a), RowHashes = new Dictionary<string, string> { [a] = "h-a" } }, None);

        await Store.Sources.SetMarkAsync(Source, null, None);
        Assert.Equal(new SourcePollStart(null, true), await Store.Sources.GetPollStartAsync(Source, None));
        Assert.Equal(new Dictionary<string, string> { [a] = "h-a" }, await Store.Sources.GetRowHashesAsync(Source, [a], None));

        var to = new SourceMark("2026-01-01T00:00:00.0000000Z", "");
        await Store.Sources.SetMarkAsync(Source, to, None);
        Assert.Equal(to, (await Store.Sources.GetAsync(Source, None))!.Mark);
    }

    [SkippableFact]
    public async Task SetMark_OfASourceNeverPolled_StartsItThere()
    {
        var source = Unique("never-polled");
        var to = new SourceMark("42", "");

        await Store.Sources.SetMarkAsync(source, to, None);

        var state = await Store.Sources.GetAsync(source, None);
        Assert.Equal(new SourceState(source, to, null, 0), state);
    }

    [SkippableFact]
    public async Task SetHealth_IsReadBackByPollStartAndState_AndCleanClearsIt()
    {
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Mark = new SourceMark("5", "k") }, None);
        var health = new MarkHealth
        {
            RowsAhead = 1,
            KeysAhead = ["31"],
            FurthestAhead = "2031-01-01T00:00:00.0000000Z",
            RowsUnmarked = 2,
            KeysUnmarked = ["7", "9"],
        };

        await Store.Sources.SetHealthAsync(Source, health, None);
        Assert.Equal(health, (await Store.Sources.GetPollStartAsync(Source, None)).Health);
        Assert.Equal(health, (await Store.Sources.GetAsync(Source, None))!.Health);

        await Store.Sources.SetHealthAsync(Source, new MarkHealth(), None);
        Assert.Null((await Store.Sources.GetPollStartAsync(Source, None)).Health);
        Assert.Equal(new SourceMark("5", "k"), (await Store.Sources.GetAsync(Source, None))!.Mark); // the mark is untouched
    }
}
