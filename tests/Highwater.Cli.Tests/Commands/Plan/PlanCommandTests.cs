using System.Text.Json;
using Highwater.Engine.Samples;

namespace Highwater.Cli.Tests.Commands.Plan;

/// <summary><c>highwater plan</c> against the sample project and the Marketo simulator: a dry run that calls nothing and moves nothing.</summary>
public sealed class PlanCommandTests
{
    [Fact]
    public async Task Plan_InitialLoad_CostsWhatTheSyncThenSpends_WithoutAnyServiceCall_OrMakingTheBuffer()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 1_000);

        var result = SampleProjectFixture.Run("plan", "--config", f.ConfigPath, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, f.Marketo.GetCounts().Total);
        Assert.False(File.Exists(f.BufferPath), "the dry run made the real buffer");
        var json = result.Json();
        Assert.True(json.GetProperty("polled").GetBoolean());
        var source = json.GetProperty("sources")[0];
        Assert.Equal((1_000L, JsonValueKind.Null), (source.GetProperty("rowsRead").GetInt64(), source.GetProperty("markBefore").ValueKind));
        var marketo = json.GetProperty("destinations")[0];
        Assert.Equal(1_000, marketo.GetProperty("rows").GetProperty("total").GetInt64());
        Assert.Equal(1, marketo.GetProperty("batches").GetInt32());
        
        // Nobody is known remotely, so the plan upserts without a lookup; the upsert answers the ids the list adds need.
        Assert.Equal(["upsert", "listAdd"], marketo.GetProperty("calls").EnumerateObject().Select(p => p.Name));
        var planned = marketo.GetProperty("totalCalls").GetInt64();
        var adoption = marketo.GetProperty("adoption");
        Assert.Equal((3, 300), (adoption.GetProperty("minimumCalls").GetInt32(), adoption.GetProperty("membersPerCall").GetInt32()));
        // Beside the adoption's reads: one list lookup and, before the first export, up to 3 lists created (the sign-in is not metered).
        Assert.Equal(planned + 3 + 1 + 3, marketo.GetProperty("needed").GetInt64());
        Assert.True(marketo.GetProperty("fits").GetBoolean());
        Assert.Equal($"fits: {planned + 7:N0} of 40,000 calls left", marketo.GetProperty("verdict").GetString()!.Split(';')[0]);

        // 50,000 a day, of which Marketo's default reserve keeps 20% for the account's other integrations.
        // One call per user: an upsert for each of the 1,000, and a list add for each membership.
        var memberships = (await f.App.LiveUsersAsync(CancellationToken.None)).Sum(u => u.Plan switch { "enterprise" => 2, "pro" or "trial" => 1, _ => 0 });
        Assert.Equal(1_000 + memberships, marketo.GetProperty("oneCallPerUserTotal").GetInt64());

        // The sync the plan forecast spends exactly the planned data calls: the simulator starts empty, as the remote state says.
        var sync = await f.SyncAsync();
        Assert.Equal(planned, sync.Exports[0].DataCalls);
    }

    [Fact]
    public async Task Plan_AWaveOfChanges_EstimatesTheNextSync_AndLeavesMarksOutboxAndServiceAlone()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 600);
        await f.SyncAsync();
        await f.App.ApplyAsync(new SampleDatabase.Wave(Edits: 40, NewUsers: 25, Deletions: 15, EmailChanges: 10, PlanMoves: 30), seed: 11, CancellationToken.None);
        var calls = f.Marketo.GetCounts().Total;
        string? markBefore;
        await using (var store = await f.OpenBufferAsync())
        {
            markBefore = (await store.Sources.GetAsync("users", CancellationToken.None))!.Mark!.Mark;
        }

        var result = SampleProjectFixture.Run("plan", "--config", f.ConfigPath, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(calls, f.Marketo.GetCounts().Total);
        await using (var store = await f.OpenBufferAsync())
        {
            var state = await store.Sources.GetAsync("users", CancellationToken.None);
            Assert.Equal(markBefore, state!.Mark!.Mark);
            Assert.Equal(0, (await store.Outbox.DepthAsync("marketo", null, CancellationToken.None)).Waiting);
        }

        var marketo = result.Json().GetProperty("destinations")[0];
        Assert.Equal(40 + 25 + 15 + 10 + 30, marketo.GetProperty("rows").GetProperty("total").GetInt64());
        Assert.Equal(15, marketo.GetProperty("profiles").GetProperty("deleted").GetInt64());
        Assert.Equal(JsonValueKind.Null, marketo.GetProperty("adoption").ValueKind);
        Assert.True(marketo.GetProperty("calls").GetProperty("delete").GetInt64() >= 1);
        var planned = marketo.GetProperty("totalCalls").GetInt64();

        // The quota used is the ledger's: every request the first sync made but the token's, which the governor does not meter.
        Assert.Equal(calls - f.Marketo.GetCounts().Of("auth"), marketo.GetProperty("quota").GetProperty("used").GetInt64());

        var sync = await f.SyncAsync();
        Assert.Equal(planned, sync.Exports[0].DataCalls);
    }

    [Fact]
    public async Task Plan_Text_ShowsTheSourcesTheStepsBesideOneCallPerUserAndTheVerdict()
    {
        await using var f = await SampleProjectFixture.CreateAsync(users: 200);

        var result = SampleProjectFixture.Run("plan", "--config", f.ConfigPath);

        Assert.True(result.ExitCode == 0 && result.Output.Contains("| users", StringComparison.Ordinal), result.Output + result.Errors);
        Assert.Equal(["users", "200", "0", "200", "200"], result.Row("users"));
        Assert.Contains(result.OutputLines, line => line.StartsWith("users: mark (never polled) -> ", StringComparison.Ordinal) && line.EndsWith(" / key 200 in the copy only", StringComparison.Ordinal));
        var upsert = result.Row("upsert");
        Assert.Equal(("1", "200"), (upsert[1], upsert[2]));
        Assert.Equal("total", result.Row("total")[0]);
        Assert.Contains(result.OutputLines, line => line.StartsWith("marketo (marketo, account ", StringComparison.Ordinal) && line.EndsWith("200 rows waiting (200 live) in 1 batch: 200 written", StringComparison.Ordinal));
        Assert.Contains(result.OutputLines, line => line.StartsWith("List adoption pending: the first export reads 3 lists once (Enterprise Accounts, Paying Customers, Trial Users), 1 call per 300 members", StringComparison.Ordinal));
        Assert.Contains(result.OutputLines, line => line.StartsWith("Quota (day): 0 of 50,000 used (reserve 10,000), 40,000 left; resets at ", StringComparison.Ordinal));
        Assert.Contains(result.OutputLines, line => line.StartsWith("fits: ", StringComparison.Ordinal) && line.Contains(" of 40,000 calls left", StringComparison.Ordinal));
        Assert.Equal(0, f.Marketo.GetCounts().Total);
    }

    [Fact]
    public async Task Plan_MoreThanTheQuotaLeft_SaysHowManyDaysItNeeds()
    {
        await using var f = await SampleProjectFixture.CreateAsync(
            users: 1_000,
            uri => SampleProject.Config(uri).Replace("    batchSize: 300\n", "    batchSize: 300\n    limits: { daily: 8, reserve: 0 }\n", StringComparison.Ordinal));

        var result = SampleProjectFixture.Run("plan", "--config", f.ConfigPath, "--json");

        Assert.Equal(0, result.ExitCode);
        var marketo = result.Json().GetProperty("destinations")[0];
        var needed = marketo.GetProperty("needed").GetInt64();
        Assert.False(marketo.GetProperty("fits").GetBoolean());
        Assert.Equal(needed / 8.0, marketo.GetProperty("days").GetDouble(), 6);
        Assert.Equal((int)Math.Ceiling((needed - 8) / 8.0), marketo.GetProperty("resetsNeeded").GetInt32());
        Assert.StartsWith($"needs {needed / 8.0:0.0#} days at the current quota: {needed} calls, 8 left today and 8 usable a day after each reset", marketo.GetProperty("verdict").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoConfiguration_IsAUsageError()
    {
        var result = SampleProjectFixture.Run("plan", "--config", Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "highwater.yaml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no configuration at", result.Errors, StringComparison.Ordinal);
    }
}
