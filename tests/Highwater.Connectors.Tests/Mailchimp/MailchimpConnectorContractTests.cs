using Highwater.Connectors.Mailchimp;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Core.Planning;
using Highwater.Simulators.Mailchimp;
using static Highwater.Connectors.Tests.Mailchimp.MailchimpContractHarness;

namespace Highwater.Connectors.Tests.Mailchimp;

/// <summary>The connector against the simulator over HTTP: batch subscribe, e-mail changes, deletes, tags, Batch Operations, limits and their signals.</summary>
public sealed class MailchimpConnectorContractTests
{
    private static readonly Dictionary<string, string?> Ann = new() { ["FNAME"] = "Ann" };

    [Fact]
    public void SubscriberHash_IsTheMd5OfTheLowerCasedEmail() =>
        Assert.Equal("62eeb292278cc15f5817cb78f7790b08", MailchimpConnector.SubscriberHash("Urist.McVankab@freddiesjokes.com"));

    [Fact]
    public async Task Upsert_OneBatchSubscribe_CreatesAndUpdates_IdsAreHashes_MatchedMarksTheExisting()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MailchimpSeed { Records = [new MailchimpSeedRecord { Email = "a@example.com", Fields = new Dictionary<string, string?> { ["FNAME"] = "Old", ["LNAME"] = "Ames" } }] });

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "A@example.com", fields: Ann), Record("p2", "b@example.com", fields: new() { ["LNAME"] = "Bo" })), default);

        Assert.Equal(
            [("p1", RecordStatus.Done, MailchimpConnector.SubscriberHash("a@example.com"), true), ("p2", RecordStatus.Done, MailchimpConnector.SubscriberHash("b@example.com"), false)],
            result.Records.Select(r => (r.ProfileKey, r.Status, r.RemoteId, r.Matched)));
        Assert.Equal(new Dictionary<string, string?> { ["FNAME"] = "Ann", ["LNAME"] = "Ames" }, h.Member("a@example.com").Fields);
        Assert.Equal(("subscribed", "Bo"), (h.Member("b@example.com").Status, h.Member("b@example.com").Fields["LNAME"]));
        Assert.Equal((1L, 1L), (h.Simulator.GetCounts().Total, h.Tally.Tally.DataOf("upsert")));
    }

    [Fact]
    public async Task Upsert_AnInvalidAddress_IsRejectedNamingItsRecord_TheOthersAreWritten()
    {
        await using var h = await StartAsync();

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com"), Record("p2", "not-an-email"), Record("p3", "c@example.com")), default);

        Assert.Equal([RecordStatus.Done, RecordStatus.Rejected, RecordStatus.Done], result.Records.Select(r => r.Status));
        var bad = result.Records[1];
        Assert.Equal(("p2", "ERROR_GENERIC"), (bad.ProfileKey, bad.Code));
        Assert.Equal("Mailchimp refused not-an-email: Please provide a valid email address. (email_address: Please provide a valid email address.)", bad.Reason);
        Assert.Equal(["a@example.com", "c@example.com"], h.Simulator.GetState().Records.Select(r => r.Email));
    }

    [Fact]
    public async Task Upsert_StatusIfNewPending_NewMembersArePending()
    {
        await using var h = await StartAsync(o => o.StatusIfNew = "pending");

        await h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com")), default);

        Assert.Equal("pending", h.Member("a@example.com").Status);
    }

    [Fact]
    public async Task Upsert_AMemberWhoUnsubscribed_KeepsItsStatus_AndGetsItsFieldsByAPatch()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MailchimpSeed { Records = [new MailchimpSeedRecord { Email = "a@example.com", Status = "unsubscribed" }] });

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com", fields: Ann)), default);

        Assert.Equal((RecordStatus.Done, true), (result.Records[0].Status, result.Records[0].Matched));
        Assert.Equal(("unsubscribed", "Ann"), (h.Member("a@example.com").Status, h.Member("a@example.com").Fields["FNAME"]));
        Assert.Equal((1L, 1L), (h.Simulator.GetCounts().Of("upsert"), h.Simulator.GetCounts().Of("update")));
    }

    [Fact]
    public async Task KeyChange_PatchesTheMemberAtTheOldHash_ItMovesWithItsTags_OneRequest()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MailchimpSeed { Records = [new MailchimpSeedRecord { Email = "old@example.com", Lists = ["VIP"], Fields = new Dictionary<string, string?> { ["LNAME"] = "Lee" } }] });

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Update, Record("p1", "new@example.com", MailchimpConnector.SubscriberHash("old@example.com"), Ann, from: "old@example.com")), default);

        Assert.Equal((RecordStatus.Done, MailchimpConnector.SubscriberHash("new@example.com")), (result.Records[0].Status, result.Records[0].RemoteId));
        var member = Assert.Single(h.Simulator.GetState().Records);
        Assert.Equal(("new@example.com", "subscribed", "Ann", "Lee"), (member.Email, member.Status, member.Fields["FNAME"], member.Fields["LNAME"]));
        Assert.Equal(["VIP"], member.Lists);
        Assert.Equal(1, h.Simulator.GetCounts().Total);
    }

    [Fact]
    public async Task KeyChange_NoMemberAtTheOldAddress_IsWrittenAfreshAtTheNewOne()
    {
        await using var h = await StartAsync();

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Update, Record("p1", "new@example.com", fields: Ann, from: "gone@example.com")), default);

        Assert.Equal((RecordStatus.Done, MailchimpConnector.SubscriberHash("new@example.com")), (result.Records[0].Status, result.Records[0].RemoteId));
        Assert.Equal(("new@example.com", "subscribed"), (h.Member("new@example.com").Email, h.Member("new@example.com").Status));
        Assert.Equal(2, h.Simulator.GetCounts().Of("update"));
    }

    [Fact]
    public async Task KeyChange_ToAnAddressAnotherMemberHas_IsRejected_BothStay()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MailchimpSeed { Records = [new MailchimpSeedRecord { Email = "old@example.com" }, new MailchimpSeedRecord { Email = "taken@example.com" }] });

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Update, Record("p1", "taken@example.com", from: "old@example.com")), default);

        var outcome = Assert.Single(result.Records);
        Assert.Equal((RecordStatus.Rejected, "Member Exists"), (outcome.Status, outcome.Code));
        Assert.Equal("HTTP 400 Member Exists: taken@example.com is already a list member. Use PUT to insert or update list members.", outcome.Reason);
        Assert.Equal(["old@example.com", "taken@example.com"], h.Simulator.GetState().Records.Select(r => r.Email));
    }

    [Fact]
    public async Task KeyChange_ToAnArchivedMembersAddress_RestoresItInTheMovingOnesPlace_WithItsFieldsAndTags()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MailchimpSeed
        {
            Records =
            [
                new MailchimpSeedRecord { Email = "old@example.com", Lists = ["VIP"], Fields = new Dictionary<string, string?> { ["LNAME"] = "Lee" } },
                new MailchimpSeedRecord { Email = "taken@example.com", Status = "archived", Lists = ["Old"], Fields = new Dictionary<string, string?> { ["LNAME"] = "Gone" } },
            ],
        });

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Update, Record("p1", "taken@example.com", MailchimpConnector.SubscriberHash("old@example.com"), Ann, from: "old@example.com")), default);

        Assert.Equal((RecordStatus.Done, MailchimpConnector.SubscriberHash("taken@example.com")), (result.Records[0].Status, result.Records[0].RemoteId));
        Assert.Equal("archived", h.Member("old@example.com").Status);
        var member = h.Member("taken@example.com");
        Assert.Equal(("taken@example.com", "subscribed", "Ann", "Lee"), (member.Email, member.Status, member.Fields["FNAME"], member.Fields["LNAME"]));
        Assert.Equal(["VIP"], member.Lists);
        var counts = h.Simulator.GetCounts();
        Assert.Equal((2L, 2L, 1L, 1L), (counts.Of("update"), counts.Of("member"), counts.Of("tags"), counts.Of("delete")));
    }

    [Fact]
    public async Task Lookup_FindsTheMemberAtEachKeysHash_ArchivedOrMissingIsAbsent()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MailchimpSeed { Records = [new MailchimpSeedRecord { Email = "a@example.com" }, new MailchimpSeedRecord { Email = "b@example.com", Status = "archived" }] });

        var found = await h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "A@example.com"), Record("p2", "b@example.com"), Record("p3", "c@example.com")), default);

        Assert.Equal([new RemoteMatch("A@example.com", MailchimpConnector.SubscriberHash("a@example.com"))], found);
        Assert.Equal((3L, 3L), (h.Simulator.GetCounts().Of("member"), h.Simulator.GetCounts().Total));
    }

    [Fact]
    public async Task Lookup_FourOrMoreKeys_OneBatchOperation()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MailchimpSeed { Records = [.. Enumerable.Range(1, 3).Select(i => new MailchimpSeedRecord { Email = $"m{i}@example.com" })] });
        var records = Enumerable.Range(1, 5).Select(i => Record($"p{i}", $"m{i}@example.com")).ToArray();

        var found = await h.RunAsync(() => h.Connector.LookupAsync(Call(CallKind.Lookup, records), default));

        Assert.Equal(Enumerable.Range(1, 3).Select(i => new RemoteMatch($"m{i}@example.com", MailchimpConnector.SubscriberHash($"m{i}@example.com"))), found);
        Assert.Equal((1L, 1L, 5L), (h.Simulator.GetCounts().Of("batch"), h.Simulator.GetCounts().Of("batchResults"), h.Simulator.GetCounts().Of("member")));
    }

    [Fact]
    public async Task KeyChanges_FourOrMore_GoAsOneBatchOperation_ResultsReadFromItsArchive()
    {
        await using var h = await StartAsync();
        var olds = Enumerable.Range(1, 5).Select(i => $"old{i}@example.com").ToList();
        h.Simulator.Seed(new MailchimpSeed { Records = [.. olds.Select(e => new MailchimpSeedRecord { Email = e })] });
        var records = olds.Select((e, i) => Record($"p{i}", $"new{i}@example.com", fields: Ann, from: e)).ToArray();

        var result = await h.RunAsync(() => h.Connector.ExecuteAsync(Call(CallKind.Update, records), default));

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => MailchimpConnector.SubscriberHash($"new{i}@example.com")), result.Records.Select(r => r.RemoteId));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"new{i}@example.com"), h.Simulator.GetState().Records.Select(r => r.Email));
        var counts = h.Simulator.GetCounts();
        Assert.Equal((1L, 1L, 5L), (counts.Of("batch"), counts.Of("batchResults"), counts.Of("update")));
        Assert.Equal(1, h.Tally.Tally.DataOf("update"));
    }

    [Fact]
    public async Task Delete_ArchivesByDefault_OneRequestAMember()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MailchimpSeed { Records = [new MailchimpSeedRecord { Email = "a@example.com" }, new MailchimpSeedRecord { Email = "b@example.com" }] });

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Delete, Record("p1", "a@example.com", MailchimpConnector.SubscriberHash("a@example.com")), Record("p2", "b@example.com", MailchimpConnector.SubscriberHash("b@example.com"))), default);

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Equal(["archived", "archived"], h.Simulator.GetState().Records.Select(r => r.Status));
        Assert.Equal((2L, 0L), (h.Simulator.GetCounts().Of("delete"), h.Simulator.GetCounts().Of("batch")));
    }

    [Fact]
    public async Task Delete_Permanent_SixMembers_OneBatchOperation_TheyAreGone_AnUnknownOneIsDoneToo()
    {
        await using var h = await StartAsync(o => o.DeleteMode = "delete-permanent");
        var emails = Enumerable.Range(1, 5).Select(i => $"m{i}@example.com").ToList();
        h.Simulator.Seed(new MailchimpSeed { Records = [.. emails.Select(e => new MailchimpSeedRecord { Email = e, Lists = ["VIP"] }), new MailchimpSeedRecord { Email = "keep@example.com" }] });
        var records = emails.Append("never@example.com").Select((e, i) => Record($"p{i}", e, MailchimpConnector.SubscriberHash(e))).ToArray();

        var result = await h.RunAsync(() => h.Connector.ExecuteAsync(Call(CallKind.Delete, records), default));

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.Equal(["keep@example.com"], h.Simulator.GetState().Records.Select(r => r.Email));
        var counts = h.Simulator.GetCounts();
        Assert.Equal((1L, 1L, 6L), (counts.Of("batch"), counts.Of("batchResults"), counts.Of("delete")));
    }

    [Fact]
    public async Task Delete_Permanent_TheAddressCanNeverBeWrittenAgain_ItsRecordsAreRefusedNamingWhy()
    {
        await using var h = await StartAsync(o => o.DeleteMode = "delete-permanent");
        h.Simulator.Seed(new MailchimpSeed { Records = [new MailchimpSeedRecord { Email = "gone@example.com" }, new MailchimpSeedRecord { Email = "mover@example.com" }] });
        await h.Connector.ExecuteAsync(Call(CallKind.Delete, Record("p1", "gone@example.com", MailchimpConnector.SubscriberHash("gone@example.com"))), default);

        var again = await h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "gone@example.com", fields: Ann), Record("p3", "new@example.com")), default);
        var moved = await h.Connector.ExecuteAsync(Call(CallKind.Update, Record("p2", "gone@example.com", from: "mover@example.com")), default);
        var fresh = await h.Connector.ExecuteAsync(Call(CallKind.Update, Record("p4", "gone@example.com", from: "never@example.com")), default);

        Assert.Equal([RecordStatus.Rejected, RecordStatus.Done], again.Records.Select(r => r.Status));
        Assert.Equal("Mailchimp refused gone@example.com: gone@example.com was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.", again.Records[0].Reason);
        Assert.Equal((RecordStatus.Rejected, "Forgotten Email Not Subscribed"), (moved.Records[0].Status, moved.Records[0].Code));
        Assert.Equal((RecordStatus.Rejected, "Forgotten Email Not Subscribed"), (fresh.Records[0].Status, fresh.Records[0].Code));
        Assert.Equal(["mover@example.com", "new@example.com"], h.Simulator.GetState().Records.Select(r => r.Email).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Delete_AStaleId_FallsBackToTheEmailsHash()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MailchimpSeed { Records = [new MailchimpSeedRecord { Email = "new@example.com" }] });

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Delete, Record("p1", "new@example.com", MailchimpConnector.SubscriberHash("old@example.com"))), default);

        Assert.Equal(RecordStatus.Done, result.Records[0].Status);
        Assert.Equal("archived", h.Member("new@example.com").Status);
        Assert.Equal(2, h.Simulator.GetCounts().Of("delete"));
    }

    [Fact]
    public async Task Delete_AlreadyArchived_IsDone_APendingOne_IsRejected()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MailchimpSeed { Records = [new MailchimpSeedRecord { Email = "a@example.com", Status = "archived" }, new MailchimpSeedRecord { Email = "p@example.com", Status = "pending" }] });

        var result = await h.Connector.ExecuteAsync(Call(CallKind.Delete, Record("p1", "a@example.com", MailchimpConnector.SubscriberHash("a@example.com")), Record("p2", "p@example.com", MailchimpConnector.SubscriberHash("p@example.com"))), default);

        Assert.Equal(RecordStatus.Done, result.Records[0].Status);
        Assert.Equal((RecordStatus.Rejected, "405"), (result.Records[1].Status, result.Records[1].Code));
        Assert.Equal("Mailchimp will not archive a member whose status is pending (bounced or pending members cannot be archived)", result.Records[1].Reason);
    }

    [Fact]
    public async Task Tags_OneMember_GoesByItsTags_AddedAndRemoved()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MailchimpSeed { Lists = ["VIP"], Records = [new MailchimpSeedRecord { Email = "a@example.com", Lists = ["Old"] }] });
        await h.Connector.EnsureListsAsync(["VIP", "Old"], createMissing: false, default);

        var added = await h.Connector.ExecuteAsync(new PlannedCall(CallKind.ListUpdate, "VIP", [Tag("p1", "a@example.com", "VIP", add: true)]), default);
        var removed = await h.Connector.ExecuteAsync(new PlannedCall(CallKind.ListUpdate, "Old", [Tag("p1", "a@example.com", "Old", add: false)]), default);

        Assert.Equal((RecordStatus.Done, RecordStatus.Done), (added.Records[0].Status, removed.Records[0].Status));
        Assert.Equal(["VIP"], h.Member("a@example.com").Lists);
        Assert.Equal((2L, 0L), (h.Simulator.GetCounts().Of("tags"), h.Simulator.GetCounts().Of("segment")));
    }

    [Fact]
    public async Task Tags_ManyMembers_OneSegmentCall_BothDirections_AnAddressNotInTheAudienceIsRejected()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MailchimpSeed
        {
            Records = [.. Enumerable.Range(1, 5).Select(i => new MailchimpSeedRecord { Email = $"m{i}@example.com", Lists = i <= 3 ? ["VIP"] : [] })],
        });
        await h.Connector.EnsureListsAsync(["VIP"], createMissing: false, default);
        PlannedRecord[] changes =
        [
            Tag("p4", "m4@example.com", "VIP", add: true), Tag("p5", "m5@example.com", "VIP", add: true), Tag("px", "stranger@example.com", "VIP", add: true),
            Tag("p1", "m1@example.com", "VIP", add: false), Tag("p2", "m2@example.com", "VIP", add: false),
        ];

        var result = await h.Connector.ExecuteAsync(new PlannedCall(CallKind.ListUpdate, "VIP", changes), default);

        Assert.Equal([RecordStatus.Done, RecordStatus.Done, RecordStatus.Rejected, RecordStatus.Done, RecordStatus.Done], result.Records.Select(r => r.Status));
        Assert.Equal("Mailchimp would not tag stranger@example.com 'VIP': Email addresses do not belong to this audience", result.Records[2].Reason);
        Assert.Equal(["m3@example.com", "m4@example.com", "m5@example.com"], h.Simulator.GetState().Records.Where(r => r.Lists.Contains("VIP")).Select(r => r.Email));
        Assert.Equal((1L, 0L), (h.Simulator.GetCounts().Of("segment"), h.Simulator.GetCounts().Of("tags")));
    }

    [Fact]
    public async Task Tags_StyleTagsForced_FiveMembers_OneBatchOperationOfTagCalls()
    {
        await using var h = await StartAsync(o => o.MembershipStyle = "tags");
        h.Simulator.Seed(new MailchimpSeed { Records = [.. Enumerable.Range(1, 5).Select(i => new MailchimpSeedRecord { Email = $"m{i}@example.com" })] });
        var changes = Enumerable.Range(1, 5).Select(i => Tag($"p{i}", $"m{i}@example.com", "VIP", add: true)).ToArray();

        var result = await h.RunAsync(() => h.Connector.ExecuteAsync(new PlannedCall(CallKind.ListUpdate, "VIP", changes), default));

        Assert.All(result.Records, r => Assert.Equal(RecordStatus.Done, r.Status));
        Assert.All(h.Simulator.GetState().Records, r => Assert.Equal(["VIP"], r.Lists));
        Assert.Equal((1L, 5L, 0L), (h.Simulator.GetCounts().Of("batch"), h.Simulator.GetCounts().Of("tags"), h.Simulator.GetCounts().Of("lists")));
    }

    [Fact]
    public async Task EnsureLists_FindsTagsIgnoringCase_CreatesTheMissing_OneReadOneCreation()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MailchimpSeed { Lists = ["Trial Users"] });

        var ids = await h.Connector.EnsureListsAsync(["trial users", "Paying"], createMissing: true, default);

        Assert.Equal(["Trial Users", "Paying"], h.Simulator.GetState().Lists);
        Assert.Equal(2, ids.Values.Distinct().Count());
        Assert.Equal(2, h.Simulator.GetCounts().Of("lists"));
        var missing = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.EnsureListsAsync(["Nope"], createMissing: false, default));
        Assert.Equal("Mailchimp's audience has no tag named 'Nope', and tags may not be created", missing.Message);
    }

    [Fact]
    public async Task ReadListMembers_ATagsMembers_WithTheirEmails()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MailchimpSeed { Records = [new MailchimpSeedRecord { Email = "a@example.com", Lists = ["VIP"] }, new MailchimpSeedRecord { Email = "b@example.com" }] });

        var members = await h.Connector.ReadListMembersAsync("VIP", default);

        Assert.Equal([new RemoteMember(MailchimpConnector.SubscriberHash("a@example.com"), "a@example.com")], members);
    }

    [Fact]
    public async Task DescribeFields_TheAudiencesMergeTags_WithThoseASeedCreated()
    {
        await using var h = await StartAsync();
        h.Simulator.Seed(new MailchimpSeed { Records = [new MailchimpSeedRecord { Email = "a@example.com", Fields = new Dictionary<string, string?> { ["COMPANY"] = "Acme" } }] });

        var fields = await h.Connector.DescribeFieldsAsync(default);

        Assert.Equal(["ADDRESS", "BIRTHDAY", "COMPANY", "EMAIL", "FNAME", "LNAME", "PHONE", "email", "email_address"], fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ungoverned_ElevenAtOnce_TheEleventhIs429_ReportedAsTooManyConcurrent()
    {
        await using var h = await StartAsync();
        h.Simulator.SetFaults(new MailchimpFaults { SlowMillis = 1_000 });

        var calls = Enumerable.Range(1, 11).Select(i => h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record($"p{i}", $"m{i}@example.com")), default)).ToList();
        await WaitAsync(() => calls.Any(c => c.IsFaulted), "no call was refused while 11 were in progress");
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var outcomes = await Task.WhenAll(calls.Select(async c => { try { await c; return "done"; } catch (ServiceCallException e) { return $"{e.Failure} {e.Code}"; } }));

        Assert.Equal(10, outcomes.Count(o => o == "done"));
        Assert.Equal("RateLimited 429", Assert.Single(outcomes, o => o != "done"));
        Assert.Equal(ServiceSignal.TooManyConcurrent(), Assert.Single(h.Tally.Signals));
        Assert.Equal((1L, 10), (h.Simulator.GetCounts().RateLimitRejections, h.Simulator.GetCounts().MostConnections));
    }

    [Fact]
    public async Task Governed_ElevenAtOnce_NeverMoreThanTen_No429()
    {
        await using var h = await StartAsync(gate: time => new GovernedCallGate(new RateGovernor(new RatePolicy(MailchimpService.Policy("acct")), new InMemoryQuotaLedger(), time)));
        h.Simulator.SetFaults(new MailchimpFaults { SlowMillis = 1_000 });

        var calls = Enumerable.Range(1, 11).Select(i => h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record($"p{i}", $"m{i}@example.com")), default)).ToList();
        await WaitAsync(() => h.Simulator.Connections == 10, "10 requests never reached the simulator together");
        Assert.Equal(11, calls.Count(c => !c.IsCompleted));
        for (var step = 0; step < 100 && !calls.TrueForAll(c => c.IsCompleted); step++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(Task.WhenAll(calls), Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System));
        }

        Assert.All(await Task.WhenAll(calls), r => Assert.Equal(RecordStatus.Done, r.Records[0].Status));
        Assert.Equal((0L, 10, 11), (h.Simulator.GetCounts().RateLimitRejections, h.Simulator.GetCounts().MostConnections, h.Simulator.GetState().Records.Count));
    }

    [Fact]
    public async Task WrongKey_401_Unauthorized()
    {
        await using var h = await StartAsync(key: "ffffffffffffffffffffffffffffffff-us21");

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com")), default));

        Assert.Equal((ServiceCallFailure.Unauthorized, "401", true), (error.Failure, error.Code, error.StopsDestination));
        Assert.Equal("credentials refused (HTTP 401 API Key Invalid: Your API key may be invalid, or you've attempted to access the wrong datacenter.; check the API key and its data centre)", error.Message);
        Assert.Empty(h.Simulator.GetState().Records);
    }

    [Fact]
    public async Task ServerError_OnAWrite_Unknown_NothingApplied()
    {
        await using var h = await StartAsync();
        h.Simulator.SetFaults(new MailchimpFaults { ServerErrorRate = 1 });

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com")), default));

        Assert.Equal((ServiceCallFailure.Unknown, "500"), (error.Failure, error.Code));
        Assert.Empty(h.Simulator.GetState().Records);
    }

    [Fact]
    public async Task NoAnswerWithin120Seconds_Unknown()
    {
        await using var h = await StartAsync();
        h.Simulator.SetFaults(new MailchimpFaults { SlowMillis = 300_000 });

        var call = h.Connector.ExecuteAsync(Call(CallKind.Upsert, Record("p1", "a@example.com")), default);
        await WaitAsync(() => h.Simulator.Connections == 1, "the request never reached the simulator");
        h.Time.Advance(TimeSpan.FromSeconds(119));
        Assert.False(call.IsCompleted);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<ServiceCallException>(() => call);

        Assert.Equal(ServiceCallFailure.Unknown, error.Failure);
        Assert.Equal("Mailchimp upsert: the answer was lost (no answer within 120 s)", error.Message);
    }

    /// <summary>Waits (in real time, at most 10 s) for something the simulator or the calls will show.</summary>
    private static async Task WaitAsync(Func<bool> condition, string diagnosis)
    {
        for (var i = 0; i < 1_000 && !condition(); i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }

        Assert.True(condition(), diagnosis);
    }
}
