using Highwater.Engine.Reconciling;
using Highwater.Engine.Samples;
using Highwater.Engine.Tests.Running;
using Highwater.Simulators.Marketo;

namespace Highwater.Engine.Tests.Reconciling;

/// <summary><c>reconcile</c> against the Marketo simulator: a CRM damaged by hand is read, compared and repaired in one run.</summary>
public sealed class ReconcilerMarketoTests
{
    [Fact]
    public async Task Reconcile_CrmDamagedByHand_RestoresItInOneRun_AndASecondRunFindsNothing()
    {
        await using var f = await EngineFixture.CreateAsync(users: 200);
        await SyncAsync(f);
        await using var engine = await f.OpenAsync();
        Assert.Empty(await f.DifferencesAsync());
        var damage = await DamageAsync(f);
        Assert.Equal(30, (await f.DifferencesAsync()).Count);
        var marketo = engine.Destination("marketo");
        var callsBefore = f.Marketo.GetCounts().Total;

        var first = await new Reconciler(engine, marketo).RunAsync(null, dryRun: false, CancellationToken.None);
        var readsAndWrites = f.Marketo.GetCounts().Total - callsBefore;
        var second = await new Reconciler(engine, marketo).RunAsync(null, dryRun: false, CancellationToken.None);

        Assert.Null(first.Error);
        Assert.Empty(await f.DifferencesAsync());
        Assert.Equal(200, first.Profiles);
        Assert.Equal(30, first.Differences.Count);
        Assert.All(first.Differences, d => Assert.Equal(FixState.Fixed, d.State));
        Assert.Equal(damage.Deleted.Order(), first.Differences.Where(d => d.Kind == DifferenceKind.MissingRecord).Select(d => d.ForeignKey!).Order());
        Assert.Equal(damage.Edited.Order(), first.Differences.Where(d => d.Kind == DifferenceKind.FieldDiffers).Select(d => d.ForeignKey!).Order());
        Assert.All(first.Differences.Where(d => d.Kind == DifferenceKind.FieldDiffers), d => Assert.Equal(("firstName", "Tampered"), (d.Name, d.RemoteValue)));
        Assert.Equal(damage.Listed.Order(), first.Differences.Where(d => d.Kind == DifferenceKind.ListExtra).Select(d => d.ForeignKey + " " + d.Name).Order());
        Assert.False(first.Failed);

        // Reads: one Get Leads call by e-mail (200 keys fit one), one by id for the 10 ids no key found, one Member of List call per list: as planned.
        Assert.Equal(2, first.ReadCalls["read"]);
        Assert.Equal(3, first.ReadCalls["readLists"]);
        Assert.Equal(5, first.PlannedReadCalls);
        Assert.True(first.WriteCalls.Values.Sum() > 0);
        Assert.Equal(readsAndWrites, first.ReadCalls.Values.Sum() + first.WriteCalls.Values.Sum());

        Assert.Empty(second.Differences);
        Assert.Empty(second.WriteCalls);
        Assert.Null(second.Export);
    }

    [Fact]
    public async Task Reconcile_DryRun_ListsTheDifferences_AndChangesNothing()
    {
        await using var f = await EngineFixture.CreateAsync(users: 60);
        await SyncAsync(f);
        await using var engine = await f.OpenAsync();
        await DamageAsync(f, each: 3);
        var before = Snapshot(f);

        var listed = await new Reconciler(engine, engine.Destination("marketo")).RunAsync(null, dryRun: true, CancellationToken.None);
        var after = Snapshot(f);
        var real = await new Reconciler(engine, engine.Destination("marketo")).RunAsync(null, dryRun: false, CancellationToken.None);

        Assert.Equal(9, listed.Differences.Count);
        Assert.All(listed.Differences, d => Assert.Equal(FixState.Listed, d.State));
        Assert.Empty(listed.WriteCalls);
        Assert.Equal(before, after);
        Assert.Equal(9, real.Differences.Count);
        Assert.Empty(await f.DifferencesAsync());
    }

    [Fact]
    public async Task Reconcile_KeysAndAnEmailChangedInTheCrm_MovesTheOwnedRecordBackByIdAndReadsOnlyThoseProfiles()
    {
        await using var f = await EngineFixture.CreateAsync(users: 40);
        await SyncAsync(f);
        await using var engine = await f.OpenAsync();
        var user = (await f.App.LiveUsersAsync(CancellationToken.None))[5];
        var record = f.Marketo.GetState().Records.Single(r => string.Equals(r.Email, user.Email, StringComparison.OrdinalIgnoreCase));
        Assert.True(f.Marketo.EditLead(record.Id!, "email", "someone.else@example.org"));
        var leads = f.Marketo.GetState().Records.Count;

        var report = await new Reconciler(engine, engine.Destination("marketo")).RunAsync([user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], dryRun: false, CancellationToken.None);

        var difference = Assert.Single(report.Differences);
        Assert.Equal((DifferenceKind.Orphan, record.Id, "someone.else@example.org", FixState.Fixed), (difference.Kind, difference.RemoteId, difference.ForeignKey, difference.State));
        Assert.Equal(1, report.Profiles);
        Assert.Empty(await f.DifferencesAsync());
        Assert.Equal(leads, f.Marketo.GetState().Records.Count);
        Assert.Equal(user.Email, f.Marketo.GetState().Records.Single(r => r.Id == record.Id).Email, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Reconcile_ProfilesDeletedWhoseRecordsRemain_DeletesThoseRecordsOnly()
    {
        await using var f = await EngineFixture.CreateAsync(users: 50);
        await SyncAsync(f);
        var before = await f.App.LiveUsersAsync(CancellationToken.None);
        await f.App.ApplyAsync(new SampleDatabase.Wave(Edits: 0, NewUsers: 0, Deletions: 5, EmailChanges: 0, PlanMoves: 0), seed: 4, CancellationToken.None);
        var after = (await f.App.LiveUsersAsync(CancellationToken.None)).Select(u => u.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var gone = before.Where(u => !after.Contains(u.Email)).Select(u => u.Email).Order(StringComparer.OrdinalIgnoreCase).ToList();
        await using var engine = await f.OpenAsync();
        await engine.PollAsync(null, CancellationToken.None);
        var leads = f.Marketo.GetState().Records.Count;

        var report = await new Reconciler(engine, engine.Destination("marketo")).RunAsync(null, dryRun: false, CancellationToken.None);

        Assert.Equal(5, gone.Count);
        Assert.All(report.Differences, d => Assert.Equal((DifferenceKind.ShouldNotExist, FixState.Fixed), (d.Kind, d.State)));
        Assert.Equal(gone, report.Differences.Select(d => d.ForeignKey!).Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(leads - 5, f.Marketo.GetState().Records.Count);
        Assert.Empty(await f.DifferencesAsync());
    }

    [Fact]
    public async Task Reconcile_OwnedRecordUnderAnOldKeyAndAnotherUnderItsKey_LeavesBothAndSaysWhy()
    {
        await using var f = await EngineFixture.CreateAsync(users: 20);
        await SyncAsync(f);
        var user = (await f.App.LiveUsersAsync(CancellationToken.None))[3];
        var own = f.Marketo.GetState().Records.Single(r => string.Equals(r.Email, user.Email, StringComparison.OrdinalIgnoreCase));
        Assert.True(f.Marketo.EditLead(own.Id!, "email", "old.address@example.org"));
        var other = Assert.Single(f.Marketo.Seed(new MarketoSeed(null, [new MarketoSimRecord(null, user.Email, new Dictionary<string, string?> { ["firstName"] = "Someone" }, [])])).Records);
        var before = Snapshot(f);
        await using var engine = await f.OpenAsync();

        var report = await new Reconciler(engine, engine.Destination("marketo")).RunAsync(null, dryRun: false, CancellationToken.None);

        var difference = Assert.Single(report.Differences);
        Assert.Equal((DifferenceKind.Orphan, own.Id, "old.address@example.org", FixState.Left), (difference.Kind, difference.RemoteId, difference.ForeignKey, difference.State));
        Assert.Contains($"record {other.Id} holds its key", difference.Note, StringComparison.Ordinal);
        Assert.False(report.Failed);
        Assert.Empty(report.WriteCalls);
        Assert.Equal(before, Snapshot(f));
    }

    /// <summary>
    /// A sync in an engine of its own: reconcile runs in another, as <c>highwater reconcile</c> does,
    /// whose scheduler has seen no live changes arrive (right after a load in the same process, the
    /// live forecast may keep the backfill lane waiting for the quota's reset).
    /// </summary>
    internal static async Task SyncAsync(EngineFixture f)
    {
        await using var engine = await f.OpenAsync();
        await engine.SyncOnceAsync(null, null, CancellationToken.None);
    }

    /// <summary>Deletes <paramref name="each"/> leads, sets <paramref name="each"/> first names to "Tampered" and adds <paramref name="each"/> leads to a mapped list they should not be in, each on other users.</summary>
    internal static async Task<(List<string> Deleted, List<string> Edited, List<string> Listed)> DamageAsync(EngineFixture f, int each = 10)
    {
        var users = await f.App.LiveUsersAsync(CancellationToken.None);
        var ids = f.Marketo.GetState().Records.ToDictionary(r => r.Email!, r => r.Id!, StringComparer.OrdinalIgnoreCase);
        var damage = (Deleted: new List<string>(), Edited: new List<string>(), Listed: new List<string>());
        for (var i = 0; i < each; i++)
        {
            var deleted = users[i];
            Assert.True(f.Marketo.DeleteLead(ids[deleted.Email]));
            damage.Deleted.Add(deleted.Email);

            var edited = users[each + i];
            Assert.True(f.Marketo.EditLead(ids[edited.Email], "firstName", "Tampered"));
            damage.Edited.Add(edited.Email);

            var listed = users[(2 * each) + i];
            var wrong = SampleProject.ListsOf(listed.Plan).Contains("Trial Users") ? "Paying Customers" : "Trial Users";
            Assert.True(f.Marketo.SetListMember(ids[listed.Email], wrong, member: true));
            damage.Listed.Add(listed.Email + " " + wrong);
        }

        return damage;
    }

    private static string Snapshot(EngineFixture f) => string.Join('\n', f.Marketo.GetState().Records
        .OrderBy(r => r.Id, StringComparer.Ordinal)
        .Select(r => $"{r.Id} {r.Email} {string.Join(',', (r.Fields ?? new Dictionary<string, string?>()).OrderBy(p => p.Key, StringComparer.Ordinal))} {string.Join(',', (r.Lists ?? []).Order(StringComparer.Ordinal))}"));
}
