using System.Text.Json;
using Highwater.Storage.DeadLetters;
using Highwater.Storage.Ingest;

namespace Highwater.Cli.Tests.Commands.DeadLetters;

/// <summary><c>highwater deadletters list|retry|discard</c> on a synced sample project's buffer.</summary>
public sealed class DeadLettersCommandTests : IAsyncLifetime
{
    private readonly DateTimeOffset _now = TimeProvider.System.GetUtcNow();
    private SampleProjectFixture _f = null!;

    public async Task InitializeAsync()
    {
        _f = await SampleProjectFixture.CreateAsync(users: 20);
        await _f.SyncAsync();
        await using var store = await _f.OpenBufferAsync();
        await store.DeadLetters.AddAsync(
            [
                new DeadLetter(0, "marketo", "1", "profile 1 at create (1006): Invalid email address", 1, _now.AddHours(-1)),
                new DeadLetter(0, "marketo", "2", "profile 2 at update (1003): Value too long for field firstName", 8, _now.AddDays(-3)),
                new DeadLetter(0, "marketo", "3", "profile 3 at create (1006): INVALID EMAIL", 1, _now.AddDays(-10)),
                new DeadLetter(0, "retired", "4", "profile 4 at create (1006): invalid email", 1, _now.AddHours(-2)),
            ],
            CancellationToken.None);
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private CliResult Run(params string[] args) => SampleProjectFixture.Run([.. args, "--config", _f.ConfigPath]);

    private static string[] Profiles(CliResult result) =>
        [.. result.Json().GetProperty("deadLetters").EnumerateArray().Select(l => l.GetProperty("profileKey").GetString()!)];

    [Fact]
    public void List_FiltersByDestinationReasonAndTime_OldestFirst()
    {
        Assert.Equal(["3", "2", "4", "1"], Profiles(Run("deadletters", "list", "--json")));
        Assert.Equal(["3", "2", "1"], Profiles(Run("deadletters", "list", "--destination", "marketo", "--json")));
        Assert.Equal(["3", "4", "1"], Profiles(Run("deadletters", "list", "--reason", "invalid email", "--json")));
        Assert.Equal(["2", "4", "1"], Profiles(Run("deadletters", "list", "--from", "7d", "--json")));
        Assert.Equal(["3", "2", "4"], Profiles(Run("deadletters", "list", "--to", "90m", "--json")));
        Assert.Equal(["2"], Profiles(Run("deadletters", "list", "--from", (_now.AddDays(-4)).ToString("O"), "--to", "3h", "--json")));
    }

    [Fact]
    public void List_Limit_ShowsTheOldestAndSaysMoreMatch()
    {
        var json = Run("deadletters", "list", "--limit", "2", "--json");
        Assert.Equal(["3", "2"], Profiles(json));
        Assert.True(json.Json().GetProperty("more").GetBoolean());

        var text = Run("deadletters", "list", "--limit", "2");
        Assert.Equal(0, text.ExitCode);
        var rows = text.OutputLines.Where(l => l.StartsWith('|')).Skip(2).Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray()).ToList();
        Assert.Equal([("marketo", "3"), ("marketo", "2")], rows.Select(r => (r[1], r[2])));
        Assert.EndsWith("INVALID EMAIL", rows[0][5], StringComparison.Ordinal);
        Assert.Contains("The 2 oldest shown; more match", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_MovesTheMatchingBackToTheOutbox_AndSaysHowMany()
    {
        var result = Run("deadletters", "retry", "--destination", "marketo", "--reason", "invalid email");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Moved 2 dead letter(s) back to the outbox; the next sync or run exports them.", Assert.Single(result.OutputLines));
        await using var store = await _f.OpenBufferAsync();
        Assert.Equal(2, (await store.Outbox.DepthAsync("marketo", OutboxLane.Live, CancellationToken.None)).Waiting);
        Assert.Equal(["2", "4"], (await store.DeadLetters.ListAsync(new DeadLetterFilter(), 10, CancellationToken.None)).Select(l => l.ProfileKey));
    }

    [Fact]
    public async Task Discard_DropsTheMatching_AndSaysHowMany_InJsonToo()
    {
        var result = Run("deadletters", "discard", "--to", "2d", "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.Equal(("discard", 2), (json.GetProperty("action").GetString(), json.GetProperty("count").GetInt32()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("filter").GetProperty("from").ValueKind);
        await using var store = await _f.OpenBufferAsync();
        Assert.Equal(["4", "1"], (await store.DeadLetters.ListAsync(new DeadLetterFilter(), 10, CancellationToken.None)).Select(l => l.ProfileKey));
        Assert.Equal(0, (await store.Outbox.DepthAsync("marketo", null, CancellationToken.None)).Waiting);
    }

    [Fact]
    public async Task Discard_WithoutAFilter_RefusesUnlessToldAll()
    {
        var refused = Run("deadletters", "discard");
        await using (var store = await _f.OpenBufferAsync())
        {
            Assert.Equal(4, (await store.DeadLetters.ListAsync(new DeadLetterFilter(), 10, CancellationToken.None)).Count);
        }

        var all = Run("deadletters", "discard", "--all");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("say --all", refused.Errors, StringComparison.Ordinal);
        Assert.Equal(0, all.ExitCode);
        await using var after = await _f.OpenBufferAsync();
        Assert.Empty(await after.DeadLetters.ListAsync(new DeadLetterFilter(), 10, CancellationToken.None));
    }

    [Theory]
    [InlineData("--from", "yesterday", "Error: --from: 'yesterday' is not a time: give an ISO 8601 time (2026-03-02, 2026-03-02T09:00:00Z) or how long ago (90s, 30m, 2h, 7d)")]
    [InlineData("--to", "2026-13-45", "Error: --to: '2026-13-45' is not a time: give an ISO 8601 time (2026-03-02, 2026-03-02T09:00:00Z) or how long ago (90s, 30m, 2h, 7d)")]
    [InlineData("--from", "5w", "Error: --from: '5w' is not a time: give an ISO 8601 time (2026-03-02, 2026-03-02T09:00:00Z) or how long ago (90s, 30m, 2h, 7d)")]
    public void BadTime_IsAUsageError_ThatSaysWhatATimeLooksLike(string option, string value, string error)
    {
        var result = Run("deadletters", "discard", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, Assert.Single(result.ErrorLines));
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task FromAfterTo_AndAnUnknownDestination_AreUsageErrors_ReportedTogether_AndNothingIsDropped()
    {
        var result = Run("deadletters", "discard", "--from", "2h", "--to", "7d", "--destination", "hubspot");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(2, result.ErrorLines.Length);
        Assert.Matches(@"^Error: --from \(.*Z\) must be before --to \(.*Z\)$", result.ErrorLines[0]);
        Assert.StartsWith("Error: --destination: no destination is named 'hubspot' in ", result.ErrorLines[1], StringComparison.Ordinal);
        Assert.EndsWith("(known: marketo)", result.ErrorLines[1], StringComparison.Ordinal);
        await using var store = await _f.OpenBufferAsync();
        Assert.Equal(4, (await store.DeadLetters.ListAsync(new DeadLetterFilter(), 10, CancellationToken.None)).Count);
    }
}
