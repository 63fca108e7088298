using Highwater.Sources.Reading;

namespace Highwater.Sources.Tests.Reading;

public abstract partial class SourceReaderContractTests<TDatabase>
{
    [SkippableFact]
    public async Task ReadClock_ServerDatabases_GiveTheirTimeInUtc_SqliteLeavesItToTheCaller()
    {
        Database.EnsureAvailable();
        var table = await UsersAsync(Database.IntType, [(1, T0)]);
        await using var reader = SourceReaderFactory.Create(Source(table));

        var clock = await reader.ReadClockAsync(CancellationToken.None);

        if (Database.Kind == SourceKind.Sqlite)
        {
            Assert.Null(clock);
            return;
        }

        // The servers run on this machine: their clock is this machine's, give or take.
        var here = TimeProvider.System.GetUtcNow().UtcDateTime;
        Assert.Equal(DateTimeKind.Utc, clock!.Value.Kind);
        Assert.InRange(clock.Value, here.AddMinutes(-1), here.AddMinutes(1));
    }

    [SkippableFact]
    public async Task FindUnmarked_NullMarks_AreCountedWithTheFirstKeys()
    {
        Database.EnsureAvailable();
        var table = await UsersAsync(Database.IntType, [(1, T0), (9, null), (3, null), (7, null), (2, T0)]);
        await using var reader = SourceReaderFactory.Create(Source(table));

        var unmarked = await reader.FindUnmarkedAsync(2, CancellationToken.None);

        Assert.Equal(3L, unmarked.Count);
        Assert.Equal(["3", "7"], unmarked.Keys);
        Assert.Equal(UnmarkedRows.None, await SourceReaderFactory.Create(Source(await UsersAsync(Database.IntType, [(1, T0)]))).FindUnmarkedAsync(2, CancellationToken.None));
    }
}
