using Highwater.Storage.Ingest;
using Highwater.Storage.Profiles;

namespace Highwater.Storage.Tests;

public abstract partial class BufferStoreContractTests
{
    [SkippableFact]
    public async Task Profiles_RoundTrip_NullValuesGroupsAndDeleted()
    {
        var key = Unique("p");
        var profile = new StoredProfile(
            key,
            new Dictionary<string, string?> { ["email"] = "ada@example.com", ["phone"] = null, ["name"] = "Ada \"Countess\" Lovelace ✓" },
            new HashSet<string> { "vip", "eu" },
            Deleted: true,
            UpdatedAt: default);

        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Profiles = [profile] }, None);

        var stored = (await Store.Profiles.GetAsync([key], None))[key];
        Assert.Equal(profile.Properties, stored.Properties);
        Assert.Null(stored.Properties["phone"]);
        Assert.True(stored.Groups.SetEquals(["vip", "eu"]));
        Assert.True(stored.Deleted);
        Assert.Equal(Start, stored.UpdatedAt);
    }

    [SkippableFact]
    public async Task Profiles_Commit_ReplacesTheWholeProfile()
    {
        var key = Unique("p");
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Profiles = [Profile(key, ("email", "a@example.com"), ("city", "Paris")) with { Groups = new HashSet<string> { "vip" } }] }, None);
        Time.Advance(TimeSpan.FromSeconds(30));

        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Profiles = [Profile(key, ("email", "b@example.com"))] }, None);

        var stored = (await Store.Profiles.GetAsync([key], None))[key];
        Assert.Equal(new Dictionary<string, string?> { ["email"] = "b@example.com" }, stored.Properties);
        Assert.Empty(stored.Groups);
        Assert.False(stored.Deleted);
        Assert.Equal(Start.AddSeconds(30), stored.UpdatedAt);
    }

    [SkippableFact]
    public async Task Profiles_GetAndCount_SeeOnlyStoredProfiles()
    {
        var before = await Store.Profiles.CountAsync(None);
        string a = Unique("a"), b = Unique("b");

        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Profiles = [Profile(a), Profile(b)] }, None);

        Assert.Equal([a], (await Store.Profiles.GetAsync([a, Unique("missing")], None)).Keys);
        Assert.Empty(await Store.Profiles.GetAsync([], None));
        Assert.Equal(before + 2, await Store.Profiles.CountAsync(None));
    }

    [SkippableFact]
    public async Task RowHashes_Get_ReturnsOnlyTheKeysThatHaveOne()
    {
        string a = Unique("a"), b = Unique("b");
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, RowHashes = new Dictionary<string, string> { [a] = "ha" } }, None);
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Unique("other"), RowHashes = new Dictionary<string, string> { [b] = "hb" } }, None);

        var hashes = await Store.Sources.GetRowHashesAsync(Source, [a, b], None);

        Assert.Equal(new Dictionary<string, string> { [a] = "ha" }, hashes);
    }

    [SkippableFact]
    public async Task ListKeys_ReturnsEveryKey_InOrdinalOrder_AcrossPages()
    {
        var keys = Enumerable.Range(0, 2345).Select(i => (i % 3) switch { 0 => $"K{i:x}", 1 => $"k{i}", _ => $"é{i}" }).ToList();
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, RowHashes = keys.ToDictionary(key => key, _ => "h") }, None);
        await Store.Ingest.CommitAsync(new IngestCommit { Source = Unique("other"), RowHashes = new Dictionary<string, string> { ["K0"] = "h" } }, None);

        var listed = new List<string>();
        await foreach (var key in Store.Sources.ListKeysAsync(Source, None))
        {
            listed.Add(key);
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed);
    }

    [SkippableFact]
    public async Task Sources_List_IncludesEveryPolledSource()
    {
        string first = Unique("first"), second = Unique("second");
        await Store.Ingest.CommitAsync(new IngestCommit { Source = first }, None);
        await Store.Ingest.CommitAsync(new IngestCommit { Source = second, Mark = new("7", "k") }, None);

        var sources = (await Store.Sources.ListAsync(None)).Where(state => state.Source == first || state.Source == second).ToList();

        Assert.Equal([new(first, null, Start, 0), new(second, new("7", "k"), Start, 0)], sources);
    }

    [SkippableFact]
    public async Task SharedKeys_LiveProfilesSharingAKeyWithoutCase_AreListed_DeletedOnesNot()
    {
        var (a, b, c, d) = (Unique("pa"), Unique("pb"), Unique("pc"), Unique("pd"));
        var shared = Unique("twin") + "@example.com";
        await Store.Ingest.CommitAsync(new IngestCommit
        {
            Source = Source,
            Profiles =
            [
                Profile(a, ("email", shared)),
                Profile(b, ("email", " " + shared.ToUpperInvariant())),
                Profile(c, ("email", shared)) with { Deleted = true },
                Profile(d, ("email", Unique("alone") + "@example.com")),
            ],
        }, None);

        var found = (await Store.Profiles.SharedKeysAsync("email", 1000, None)).Where(k => k.Value == shared.ToLowerInvariant()).ToList();

        var key = Assert.Single(found);
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), key.ProfileKeys);
    }

    [SkippableFact]
    public async Task Profile_WithNulAndNoncharacterText_ReadsBackExactly()
    {
        // PostgreSQL's jsonb cannot hold U+0000; the escape keeps U+FFFF itself apart from it.
        var key = Unique("nul");
        var profile = Profile(key, ("first_name", "Zo\0e"), ("note", "\uFFFF0 and \uFFFF\uFFFF and \0\uFFFF"), ("odd\0name", "🦊𝄞"));

        await Store.Ingest.CommitAsync(new IngestCommit { Source = Source, Profiles = [profile] }, None);

        var read = (await Store.Profiles.GetAsync([key], None))[key];
        Assert.Equal(profile.Properties.OrderBy(p => p.Key, StringComparer.Ordinal), read.Properties.OrderBy(p => p.Key, StringComparer.Ordinal));
    }
}
