using Highwater.Storage.ExportLog;
using Highwater.Storage.RemoteState;

namespace Highwater.Storage.Tests;

public abstract partial class BufferStoreContractTests
{
    [SkippableFact]
    public async Task RemoteState_Upsert_RoundTrips_AndReplaces()
    {
        var key = Unique("p");
        var exportedAt = new DateTimeOffset(2026, 3, 1, 8, 30, 0, TimeSpan.FromHours(-6));
        var state = new RemoteRecordState(
            Destination,
            key,
            "00Q123",
            "ada@example.com",
            new Dictionary<string, string?> { ["Email"] = "ada@example.com", ["Phone"] = null },
            new HashSet<string> { "list-1", "list-2" },
            exportedAt);

        await Store.RemoteState.UpsertAsync([state], None);
        var stored = (await Store.RemoteState.GetAsync(Destination, [key, Unique("missing")], None))[key];

        Assert.Equal((state.RemoteId, state.ForeignKey, exportedAt), (stored.RemoteId, stored.ForeignKey, stored.ExportedAt));
        Assert.Equal(state.Fields, stored.Fields);
        Assert.True(stored.Lists.SetEquals(state.Lists));

        await Store.RemoteState.UpsertAsync([state with { Fields = new Dictionary<string, string?>(), Lists = new HashSet<string>(), RemoteId = null }], None);
        var replaced = (await Store.RemoteState.GetAsync(Destination, [key], None))[key];
        Assert.Null(replaced.RemoteId);
        Assert.Empty(replaced.Fields);
        Assert.Empty(replaced.Lists);
    }

    [SkippableFact]
    public async Task SetRemoteId_OfANewRecord_CreatesItWithNoFields()
    {
        var key = Unique("p");

        await Store.RemoteState.SetRemoteIdAsync(Destination, key, "r-1", "ada@example.com", None);

        var stored = (await Store.RemoteState.GetAsync(Destination, [key], None))[key];
        Assert.Equal(("r-1", "ada@example.com", Start), (stored.RemoteId, stored.ForeignKey, stored.ExportedAt));
        Assert.Empty(stored.Fields);
        Assert.Empty(stored.Lists);
    }

    [SkippableFact]
    public async Task SetRemoteId_OfAKnownRecord_KeepsItsFieldsAndLists()
    {
        var key = Unique("p");
        var fields = new Dictionary<string, string?> { ["Email"] = "old@example.com" };
        await Store.RemoteState.UpsertAsync([new RemoteRecordState(Destination, key, null, "old@example.com", fields, new HashSet<string> { "l" }, Start)], None);
        Time.Advance(TimeSpan.FromHours(1));

        await Store.RemoteState.SetRemoteIdAsync(Destination, key, "r-2", "new@example.com", None);

        var stored = (await Store.RemoteState.GetAsync(Destination, [key], None))[key];
        Assert.Equal(("r-2", "new@example.com", Start), (stored.RemoteId, stored.ForeignKey, stored.ExportedAt));
        Assert.Equal(fields, stored.Fields);
        Assert.Equal(["l"], stored.Lists);
    }

    [SkippableFact]
    public async Task SetRemoteIds_RecordsEachNewAndKnownRecord_KeepingKnownFields()
    {
        string known = Unique("known"), fresh = Unique("fresh");
        var fields = new Dictionary<string, string?> { ["Email"] = "old@example.com" };
        await Store.RemoteState.UpsertAsync([new RemoteRecordState(Destination, known, null, "old@example.com", fields, new HashSet<string> { "l" }, Start)], None);

        await Store.RemoteState.SetRemoteIdsAsync(Destination, [new RemoteIdAssignment(known, "r-1", "old@example.com"), new RemoteIdAssignment(fresh, "r-2", "new@example.com")], None);

        var stored = await Store.RemoteState.GetAsync(Destination, [known, fresh], None);
        Assert.Equal("r-1", stored[known].RemoteId);
        Assert.Equal(fields, stored[known].Fields);
        Assert.Equal(["l"], stored[known].Lists);
        Assert.Equal(("r-2", "new@example.com", 0), (stored[fresh].RemoteId, stored[fresh].ForeignKey, stored[fresh].Fields.Count));
    }

    [SkippableFact]
    public async Task RemoteState_Delete_ForgetsOnlyThatDestinationsRecords()
    {
        var key = Unique("p");
        var other = Unique("other-crm");
        await Store.RemoteState.SetRemoteIdAsync(Destination, key, "r", "k", None);
        await Store.RemoteState.SetRemoteIdAsync(other, key, "r", "k", None);

        await Store.RemoteState.DeleteAsync(Destination, [key], None);

        Assert.Empty(await Store.RemoteState.GetAsync(Destination, [key], None));
        Assert.Single(await Store.RemoteState.GetAsync(other, [key], None));
    }

    [SkippableFact]
    public async Task ExportLog_ListsNewestFirst_PerDestinationOrProfile_UpToTheLimit()
    {
        string a = Unique("a"), b = Unique("b");
        await Store.ExportLog.AppendAsync(
            [
                new ExportLogEntry(Destination, a, Start, ExportOutcome.RetryLater, "HTTP 503"),
                new ExportLogEntry(Destination, b, Start.AddSeconds(1), ExportOutcome.Rejected, "invalid email"),
                new ExportLogEntry(Destination, a, Start.AddSeconds(2), ExportOutcome.Exported, null),
                new ExportLogEntry(Unique("other-crm"), a, Start.AddSeconds(3), ExportOutcome.Deleted, null),
            ],
            None);

        var newest = await Store.ExportLog.ListAsync(Destination, null, 2, None);
        var ofA = await Store.ExportLog.ListAsync(Destination, a, 10, None);

        Assert.Equal([ExportOutcome.Exported, ExportOutcome.Rejected], newest.Select(entry => entry.Outcome));
        Assert.Equal(
            [new ExportLogEntry(Destination, a, Start.AddSeconds(2), ExportOutcome.Exported, null), new ExportLogEntry(Destination, a, Start, ExportOutcome.RetryLater, "HTTP 503")],
            ofA);
    }

    [SkippableFact]
    public async Task FindByRemoteIdsAndForeignKeys_AnswerWhoOwnsARecord_KeysWithoutCase()
    {
        var (p1, p2, p3) = (Unique("p1"), Unique("p2"), Unique("p3"));
        var (a, b) = (Unique("ada") + "@Example.com", Unique("bob") + "@example.com");
        RemoteRecordState State(string key, string? id, string? foreignKey) =>
            new(Destination, key, id, foreignKey, new Dictionary<string, string?>(), new HashSet<string>(), Start);
        await Store.RemoteState.UpsertAsync([State(p1, "r-" + p1, a), State(p2, "r-" + p2, b), State(p3, null, null)], None);
        await Store.RemoteState.UpsertAsync([new RemoteRecordState("other-" + Destination, p3, "r-" + p1, a, new Dictionary<string, string?>(), new HashSet<string>(), Start)], None);

        var byId = await Store.RemoteState.FindByRemoteIdsAsync(Destination, ["r-" + p1, "r-missing"], None);
        var byKey = await Store.RemoteState.FindByForeignKeysAsync(Destination, [a.ToUpperInvariant(), b, "nobody@example.com"], None);

        Assert.Equal([p1], byId.Select(s => s.ProfileKey));
        Assert.Equal(new[] { p1, p2 }.Order(StringComparer.Ordinal), byKey.Select(s => s.ProfileKey).Order(StringComparer.Ordinal));
        Assert.Empty(await Store.RemoteState.FindByForeignKeysAsync(Destination, [], None));
    }
}
