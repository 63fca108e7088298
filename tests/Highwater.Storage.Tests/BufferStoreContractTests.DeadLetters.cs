using Highwater.Storage.DeadLetters;
using Highwater.Storage.Ingest;
using Highwater.Storage.Outbox;

namespace Highwater.Storage.Tests;

public abstract partial class BufferStoreContractTests
{
    [SkippableFact]
    public async Task DeadLetters_Add_KeepsOneLetterPerProfile_TheNewest()
    {
        var key = Unique("p");
        await Store.DeadLetters.AddAsync([new DeadLetter(0, Destination, key, "field too long", 3, Start)], None);

        await Store.DeadLetters.AddAsync([new DeadLetter(0, Destination, key, "invalid email", 5, Start.AddHours(1))], None);

        var letter = Assert.Single(await Store.DeadLetters.ListAsync(new DeadLetterFilter(Destination), 10, None));
        Assert.Equal((key, "invalid email", 5, Start.AddHours(1)), (letter.ProfileKey, letter.Reason, letter.Attempts, letter.FailedAt));
        Assert.True(letter.Id > 0);
    }

    [SkippableFact]
    public async Task DeadLetters_List_FiltersByDestinationReasonAndTime_OldestFirst()
    {
        string a = Unique("a"), b = Unique("b"), c = Unique("c"), d = Unique("d");
        await Store.DeadLetters.AddAsync(
            [
                new DeadLetter(0, Destination, c, "Invalid Email address", 3, Start.AddMinutes(2)),
                new DeadLetter(0, Destination, a, "INVALID EMAIL", 3, Start),
                new DeadLetter(0, Destination, b, "Field too long: FirstName", 3, Start.AddMinutes(1)),
                new DeadLetter(0, Unique("other-crm"), d, "invalid email", 3, Start),
            ],
            None);

        async Task<IEnumerable<string>> KeysAsync(DeadLetterFilter filter, int limit = 10) =>
            (await Store.DeadLetters.ListAsync(filter, limit, None)).Select(letter => letter.ProfileKey);

        Assert.Equal([a, b, c], await KeysAsync(new DeadLetterFilter(Destination)));
        Assert.Equal([a, b], await KeysAsync(new DeadLetterFilter(Destination), limit: 2));
        Assert.Equal([a, c], await KeysAsync(new DeadLetterFilter(Destination, ReasonContains: "invalid email")));
        Assert.Equal([b, c], await KeysAsync(new DeadLetterFilter(Destination, From: Start.AddMinutes(1))));
        Assert.Equal([a, b], await KeysAsync(new DeadLetterFilter(Destination, To: Start.AddMinutes(2))));
        Assert.Equal([b], await KeysAsync(new DeadLetterFilter(Destination, "TOO", Start, Start.AddMinutes(2))));
        Assert.Contains(d, await KeysAsync(new DeadLetterFilter(ReasonContains: "email"), limit: 10_000));
    }

    [SkippableFact]
    public async Task DeadLetters_Retry_MovesTheMatchingLettersToTheLiveOutbox()
    {
        string a = Unique("a"), b = Unique("b");
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Profiles = [Profile(a), Profile(b)] }, None);
        await Store.DeadLetters.AddAsync(
            [new DeadLetter(0, Destination, a, "invalid email", 3, Start), new DeadLetter(0, Destination, b, "field too long", 3, Start)],
            None);
        Time.Advance(TimeSpan.FromMinutes(5));

        var moved = await Store.DeadLetters.RetryAsync(new DeadLetterFilter(Destination, "EMAIL"), None);

        Assert.Equal(1, moved);
        Assert.Equal([b], (await Store.DeadLetters.ListAsync(new DeadLetterFilter(Destination), 10, None)).Select(letter => letter.ProfileKey));
        var item = Assert.Single(await Store.Outbox.ClaimAsync(Destination, OutboxLane.Live, 10, "w1", TimeSpan.FromMinutes(1), None));
        Assert.Equal(new OutboxItem(Destination, a, 1, OutboxLane.Live, Start.AddMinutes(5), Start.AddMinutes(5), 0), item);
    }

    [SkippableFact]
    public async Task DeadLetters_RetryThatFails_KeepsEveryLetter()
    {
        string stored = Unique("stored"), unknown = Unique("unknown");
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Profiles = [Profile(stored)] }, None);
        await Store.DeadLetters.AddAsync(
            [new DeadLetter(0, Destination, stored, "invalid email", 3, Start), new DeadLetter(0, Destination, unknown, "invalid email", 3, Start)],
            None);

        // The buffer holds no profile for one of them, so its outbox row cannot be written.
        await Assert.ThrowsAnyAsync<Exception>(() => Store.DeadLetters.RetryAsync(new DeadLetterFilter(Destination), None));

        Assert.Equal(2, (await Store.DeadLetters.ListAsync(new DeadLetterFilter(Destination), 10, None)).Count);
        Assert.Equal(0, (await Store.Outbox.DepthAsync(Destination, null, None)).Waiting);
    }

    [SkippableFact]
    public async Task DeadLetters_Discard_DropsOnlyTheMatchingLetters()
    {
        string a = Unique("a"), b = Unique("b");
        await Store.DeadLetters.AddAsync(
            [new DeadLetter(0, Destination, a, "invalid email", 3, Start), new DeadLetter(0, Destination, b, "field too long", 3, Start.AddDays(1))],
            None);

        var dropped = await Store.DeadLetters.DiscardAsync(new DeadLetterFilter(Destination, To: Start.AddHours(1)), None);

        Assert.Equal(1, dropped);
        Assert.Equal([b], (await Store.DeadLetters.ListAsync(new DeadLetterFilter(Destination), 10, None)).Select(letter => letter.ProfileKey));
        Assert.Equal(0, (await Store.Outbox.DepthAsync(Destination, null, None)).Waiting);
    }

    [SkippableFact]
    public async Task DeadLetters_Resolve_DropsOnlyTheNamedProfilesLettersAtThatDestination()
    {
        string a = Unique("a"), b = Unique("b"), other = Unique("other-crm");
        await Store.DeadLetters.AddAsync(
            [
                new DeadLetter(0, Destination, a, "invalid email", 1, Start),
                new DeadLetter(0, Destination, b, "invalid email", 1, Start),
                new DeadLetter(0, other, a, "invalid email", 1, Start),
            ],
            None);

        var resolved = await Store.DeadLetters.ResolveAsync(Destination, [a, Unique("never-failed")], None);

        Assert.Equal(1, resolved);
        Assert.Equal([b], (await Store.DeadLetters.ListAsync(new DeadLetterFilter(Destination), 10, None)).Select(letter => letter.ProfileKey));
        Assert.Equal([a], (await Store.DeadLetters.ListAsync(new DeadLetterFilter(other), 10, None)).Select(letter => letter.ProfileKey));
        Assert.Equal(0, await Store.DeadLetters.ResolveAsync(Destination, [], None));
    }
}
