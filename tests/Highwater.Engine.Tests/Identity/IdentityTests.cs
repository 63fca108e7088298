namespace Highwater.Engine.Tests.Identity;

/// <summary>
/// The identity cases of the trust issue, each as an end state on every service: what the service
/// holds after identities move (swaps, a taken address, duplicate e-mails, a CRM-only record).
/// </summary>
public sealed class IdentityTests
{
    public static IEnumerable<object[]> Services => IdentityWorld.Services;

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Swap_TwoUsersSwapEmails_BothRecordsKeepTheirOwnersData(string service)
    {
        await using var world = await IdentityWorld.CreateAsync(service);
        await world.UserAsync(1, "a@ex.com", "Alice", plan: "pro");
        await world.UserAsync(2, "b@ex.com", "Bob", plan: "trial");
        var first = await world.SyncAsync();
        Assert.True(world.Records().Count == 2, System.Text.Json.JsonSerializer.Serialize(first));
        var (alice, bob) = (world.Only("a@ex.com"), world.Only("b@ex.com"));

        await world.EmailAsync(1, "b@ex.com");
        await world.EmailAsync(2, "a@ex.com");
        var report = await world.SyncAsync();

        Assert.False(report.Failed, string.Join("; ", report.Exports.SelectMany(e => e.Failures)));
        var records = world.Records();
        Assert.True(records.Count == 2, $"{service}: {IdentityWorld.Describe(records)}");
        var nowAlice = world.Only("b@ex.com");
        var nowBob = world.Only("a@ex.com");
        Assert.Equal(("Alice", alice.Id), (nowAlice.FirstName, nowAlice.Id));
        Assert.Equal(("Bob", bob.Id), (nowBob.FirstName, nowBob.Id));
        Assert.Equal("Paying", nowAlice.Lists);
        Assert.Equal("Trial", nowBob.Lists);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task TakenAddress_UserTakesAnothersEmail_IsRejectedAndNeitherRecordChanges_ThenMovesOn(string service)
    {
        await using var world = await IdentityWorld.CreateAsync(service);
        await world.UserAsync(1, "a@ex.com", "Alice", plan: "pro");
        await world.UserAsync(2, "b@ex.com", "Bob", plan: "trial");
        await world.SyncAsync();
        var (alice, bob) = (world.Only("a@ex.com"), world.Only("b@ex.com"));

        await world.EmailAsync(1, "b@ex.com");
        var report = await world.SyncAsync();

        Assert.True(report.Failed);
        Assert.Equal(alice, world.Only("a@ex.com"));
        Assert.Equal(bob, world.Only("b@ex.com"));
        var letter = Assert.Single(await world.DeadLettersAsync());
        Assert.Equal("1", letter.ProfileKey);
        Assert.Contains(world.KnowsIds ? $"profile 1: email b@ex.com is held by record {bob.Id} of profile 2" : "profile 1: email b@ex.com is held by the record of profile 2", letter.Reason, StringComparison.Ordinal);

        // Alice moves on to a fresh address: her own record follows, Bob's stays.
        await world.EmailAsync(1, "c@ex.com");
        await world.SyncAsync();

        Assert.Equal(2, world.Records().Count);
        Assert.Equal((alice.Id, "Alice"), (world.Only("c@ex.com").Id, world.Only("c@ex.com").FirstName));
        Assert.Equal(bob, world.Only("b@ex.com"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task DuplicateEmails_TwoLiveUsers_OneRecordAndTheOtherNamed_ThenTheOtherTakesOverWhenTheFirstIsDeleted(string service)
    {
        await using var world = await IdentityWorld.CreateAsync(service);
        await world.UserAsync(1, "x@ex.com", "First", plan: "pro");
        await world.UserAsync(2, "x@ex.com", "Second", plan: "trial");

        await world.SyncAsync();
        await world.SyncAsync();

        var record = world.Only("x@ex.com");
        Assert.Single(world.Records());
        var letter = Assert.Single(await world.DeadLettersAsync());
        var (winner, loser) = letter.ProfileKey == "2" ? ("First", 2) : ("Second", 1);
        Assert.Equal(winner, record.FirstName);
        Assert.Contains(world.KnowsIds ? $"email x@ex.com is held by record {record.Id} of profile {3 - loser}" : $"email x@ex.com is held by the record of profile {3 - loser}", letter.Reason, StringComparison.Ordinal);

        // Deleting the rejected one deletes nothing remote; deleting the holder frees the address.
        await world.DeleteAsync(3 - loser);
        await world.SyncAsync();
        await world.SyncAsync();

        var after = world.Only("x@ex.com");
        Assert.Equal(loser == 2 ? "Second" : "First", after.FirstName);
        Assert.Single(world.Records());
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task DeletingARejectedDuplicate_LeavesTheHoldersRecord(string service)
    {
        await using var world = await IdentityWorld.CreateAsync(service);
        await world.UserAsync(1, "x@ex.com", "First");
        await world.SyncAsync();
        var holder = world.Only("x@ex.com");
        await world.UserAsync(2, "x@ex.com", "Second");
        await world.SyncAsync();

        await world.DeleteAsync(2);
        await world.SyncAsync();

        Assert.Equal(holder, world.Only("x@ex.com"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task FirstExport_MatchingACrmRecordInAMappedList_TakesItOutOfThatList_AndKeepsItsUnmappedOnes(string service)
    {
        // A person already in the CRM signs up: matching by e-mail is what a first export means, and
        // the record then holds exactly the mapped lists of the user's plan. Where the lookup cannot
        // say which lists the record is in (Marketo), the upsert's "updated" says it existed.
        await using var world = await IdentityWorld.CreateAsync(service);
        await world.UserAsync(1, "a@ex.com", "Alice", plan: "trial");
        await world.SyncAsync();
        world.SeedCrmOnly("z@ex.com", "Zed", "Paying", "Partners");

        await world.UserAsync(2, "z@ex.com", "Zoe", plan: "free");
        var report = await world.SyncAsync();

        Assert.False(report.Failed, string.Join("; ", report.Exports.SelectMany(e => e.Failures)));
        var zoe = world.Only("z@ex.com");
        Assert.Equal(("Zoe", "Partners"), (zoe.FirstName, zoe.Lists));
        Assert.Equal("Trial", world.Only("a@ex.com").Lists);
        Assert.Equal(2, world.Records().Count);
        Assert.Empty(await world.DeadLettersAsync());
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task CrmOnlyRecord_UserTakesItsEmail_IsRejectedAndBothRecordsStay(string service)
    {
        await using var world = await IdentityWorld.CreateAsync(service);
        world.SeedCrmOnly("z@ex.com", "Zed");
        await world.UserAsync(1, "a@ex.com", "Alice");
        await world.SyncAsync();
        var (alice, zed) = (world.Only("a@ex.com"), world.Only("z@ex.com"));

        await world.EmailAsync(1, "z@ex.com");
        var report = await world.SyncAsync();

        Assert.True(report.Failed);
        Assert.Equal(alice, world.Only("a@ex.com"));
        Assert.Equal(zed, world.Only("z@ex.com"));
        var letter = Assert.Single(await world.DeadLettersAsync());
        Assert.Contains($"email z@ex.com is held by record {zed.Id}", letter.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task KeyChange_PlainEmailChange_UpdatesTheRecordInPlace(string service)
    {
        await using var world = await IdentityWorld.CreateAsync(service);
        await world.UserAsync(1, "a@ex.com", "Alice");
        await world.SyncAsync();
        var alice = world.Only("a@ex.com");

        await world.EmailAsync(1, "a2@ex.com");
        await world.SyncAsync();

        var moved = Assert.Single(world.Records());
        Assert.Equal((alice.Id, "a2@ex.com", "Alice"), (moved.Id, moved.Email, moved.FirstName));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task KeyChange_WhoseFirstAttemptFails_IsRetriedOnTheSameRecord_NoEmptyRecordNoOrphan(string service)
    {
        await using var world = await IdentityWorld.CreateAsync(service);
        await world.UserAsync(1, "a@ex.com", "Alice", plan: "pro");
        await world.SyncAsync();
        var alice = world.Only("a@ex.com");

        await world.EmailAsync(1, "a2@ex.com");
        using var refuse = WriteFault.Refuse("a2@ex.com");
        var failed = await world.SyncAsync(refuse);

        Assert.True(refuse.Hits > 0, $"{service}: no write carried the new address");
        Assert.True(failed.Exports[0].RetryLater + failed.Exports[0].GaveUp > 0 || failed.Exports[0].Error is not null, $"{service}: the failed write was not reported");
        Assert.Equal(alice, world.Only("a@ex.com"));

        world.Later(TimeSpan.FromHours(1));
        var retried = await world.SyncAsync();

        var moved = Assert.Single(world.Records());
        Assert.True(moved.Email == "a2@ex.com", $"{service}: {System.Text.Json.JsonSerializer.Serialize(failed)} then {System.Text.Json.JsonSerializer.Serialize(retried)}");
        Assert.Equal((alice.Id, "a2@ex.com", "Alice", "Paying"), (moved.Id, moved.Email, moved.FirstName, moved.Lists));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Crash_AfterAFirstWriteWasApplied_ThenTheEmailChanges_MovesThatRecord_NoSecondRecord(string service)
    {
        await using var world = await IdentityWorld.CreateAsync(service);
        await world.UserAsync(1, "a@ex.com", "Alice", plan: "pro");
        using var killed = new CancellationTokenSource();
        using var crash = WriteFault.CrashAfterApplied("a@ex.com", killed);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => world.SyncAsync(crash, killed.Token));
        Assert.Equal(1, crash.Hits);

        await world.EmailAsync(1, "a2@ex.com");
        await world.SyncAsync();
        await world.SyncAsync();

        var record = Assert.Single(world.Records());
        Assert.Equal(("a2@ex.com", "Alice", "Paying"), (record.Email, record.FirstName, record.Lists));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Crash_AfterADeleteWasApplied_ThenTheUserIsUndeleted_TheRecordIsWrittenAgain(string service)
    {
        await using var world = await IdentityWorld.CreateAsync(service);
        await world.UserAsync(1, "a@ex.com", "Alice", plan: "pro");
        await world.SyncAsync();
        var alice = world.Only("a@ex.com");

        await world.DeleteAsync(1);
        using var killed = new CancellationTokenSource();
        using var crash = WriteFault.CrashAfterDelete(alice.Id, killed);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => world.SyncAsync(crash, killed.Token));
        Assert.Empty(world.Records());

        await world.UndeleteAsync(1);
        await world.SyncAsync();

        var back = Assert.Single(world.Records());
        Assert.Equal(("a@ex.com", "Alice", "Paying"), (back.Email, back.FirstName, back.Lists));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Crash_AfterAKeyMoveWasApplied_ThenTheEmailChangesAgain_MovesThatRecord_NoSecondRecord(string service)
    {
        await using var world = await IdentityWorld.CreateAsync(service);
        await world.UserAsync(1, "a@ex.com", "Alice", plan: "pro");
        await world.SyncAsync();
        var alice = world.Only("a@ex.com");

        await world.EmailAsync(1, "a2@ex.com");
        using var killed = new CancellationTokenSource();
        using var crash = WriteFault.CrashAfterApplied("a2@ex.com", killed);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => world.SyncAsync(crash, killed.Token));
        Assert.Equal(1, crash.Hits);

        // The record now carries a2@, which the buffer never heard; the user moves on to a3@.
        await world.EmailAsync(1, "a3@ex.com");
        await world.SyncAsync();
        await world.SyncAsync();

        var record = Assert.Single(world.Records());
        Assert.Equal((alice.Id, "a3@ex.com", "Alice", "Paying"), (record.Id, record.Email, record.FirstName, record.Lists));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task FirstSyncNeverReachedTheService_ThenAddressesMoveAndOneUserIsDeleted_TheNewHolderKeepsItsRecord(string service)
    {
        await using var world = await IdentityWorld.CreateAsync(service);
        await world.UserAsync(2, "b@ex.com", "Bob", plan: "pro");
        await world.UserAsync(3, "c@ex.com", "Carol", plan: "trial");
        using var down = WriteFault.Down();
        var failed = await world.SyncAsync(down);
        Assert.True(down.Hits > 0, $"{service}: the service was never called");
        Assert.Empty(world.Records());
        Assert.True(failed.Exports[0].Exported == 0, $"{service}: exported while down");

        // Carol takes Bob's address, Bob moves on and is deleted: Bob never reached the service.
        await world.EmailAsync(2, "b2@ex.com");
        await world.EmailAsync(3, "b@ex.com");
        await world.DeleteAsync(2);
        world.Later(TimeSpan.FromHours(1));
        await world.SyncAsync();
        world.Later(TimeSpan.FromHours(1));
        await world.SyncAsync();

        var record = Assert.Single(world.Records());
        Assert.Equal(("b@ex.com", "Carol", "Trial"), (record.Email, record.FirstName, record.Lists));
        Assert.Empty(await world.DeadLettersAsync());
    }
}
