using System.Globalization;
using Highwater.Core.Model;
using Highwater.Engine.Running;
using Highwater.Storage.RemoteState;
using Microsoft.Data.Sqlite;

namespace Highwater.Engine.Tests.Running;

/// <summary>
/// A process that dies after a call was applied but before its outcome was recorded leaves the
/// remote state behind the service. When the profile then changes back before its re-export,
/// the doubts stored before the calls make the re-export send the calls anyway.
/// </summary>
public sealed class ExportDoubtsTests
{
    [Fact]
    public async Task Export_DiesAfterAMembershipCallApplied_ThenTheProfileMovesBack_TheServiceEndsLikeTheSource()
    {
        await using var f = await EngineFixture.CreateAsync(users: 20);
        var user = (await f.App.LiveUsersAsync(CancellationToken.None)).First(u => u.Plan == "pro");

        await SyncAsync(f);
        await SetAsync(f, user.Id, "plan", "trial");
        await DieAfterAsync(f, request => request.Method != HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/rest/v1/lists/", StringComparison.Ordinal));

        // The crash left the service ahead of the stored state: a list call applied, its outcome unrecorded.
        Assert.NotEqual(["Paying Customers"], ListsOf(f, user.Email));
        await SetAsync(f, user.Id, "plan", "pro");
        await SyncAsync(f);

        Assert.Empty(await f.DifferencesAsync());
    }

    [Fact]
    public async Task Export_DiesAfterAnUpdateApplied_ThenTheFieldChangesBack_TheServiceEndsLikeTheSource()
    {
        await using var f = await EngineFixture.CreateAsync(users: 20);
        var user = (await f.App.LiveUsersAsync(CancellationToken.None))[3];

        await SyncAsync(f);
        await SetAsync(f, user.Id, "first_name", "Changed");
        await DieAfterAsync(f, request => request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/rest/v1/leads.json", StringComparison.Ordinal) && request.RequestUri.Query.Length == 0);

        Assert.Equal("Changed", f.Marketo.GetState().Records.Single(r => r.Email == user.Email).Fields?.GetValueOrDefault("firstName"));
        await SetAsync(f, user.Id, "first_name", user.FirstName);
        await SyncAsync(f);

        Assert.Empty(await f.DifferencesAsync());
    }

    [Fact]
    public void Resolve_ADoubtfulList_IsTheOppositeOfWhatIsWanted()
    {
        var state = new RemoteRecordState("d", "p", "1", "a@x", new Dictionary<string, string?>(), new HashSet<string> { "Kept", ExportDoubts.ListMark + "Wanted", ExportDoubts.ListMark + "Unwanted" }, default);

        var resolved = ExportDoubts.Resolve(state, new HashSet<string> { "Kept", "Wanted" });

        Assert.Equal(["Kept", "Unwanted"], resolved.Lists.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Before_MarksTheListsAndFieldsTheCallsMayChange_AndNothingWhenNothingChanges()
    {
        var stored = new RemoteRecordState("d", "p", "1", "a@x", new Dictionary<string, string?> { ["firstName"] = "Ada", ["country"] = "US" }, new HashSet<string> { "A" }, default);
        var last = new ExportedState { RemoteId = "1", Fields = stored.Fields, Lists = stored.Lists };
        var request = new ExportRequest { ProfileKey = "p", ForeignKey = "a@x", Fields = new Dictionary<string, string?> { ["firstName"] = "Grace", ["country"] = "US" }, LastExported = last };
        var mapped = new HashSet<string> { "A", "B", "C" };

        var doubted = ExportDoubts.Before(stored, request, new HashSet<string> { "B" }, mapped)!;
        var unchanged = ExportDoubts.Before(stored, request with { Fields = stored.Fields }, new HashSet<string> { "A" }, mapped);

        Assert.Equal([ExportDoubts.ListMark + "A", ExportDoubts.ListMark + "B", "A"], doubted.Lists.Order(StringComparer.Ordinal));
        Assert.Equal((ExportDoubts.FieldMark, "US"), (doubted.Fields["firstName"], doubted.Fields["country"]));
        Assert.Null(unchanged);
    }

    [Fact]
    public void IsFirstWrite_TellsAFirstWriteOrADeleteInDoubt_FromAConfirmedRecordWhoseEveryFieldIsInDoubt()
    {
        // Pardot answers no ids: a confirmed record is known by its key alone. When every field
        // changes, every field is in doubt while the calls go; that is still a record the service
        // confirmed, which outranks a newer first write under the same key.
        var mapped = new HashSet<string> { "A" };
        var confirmed = new RemoteRecordState("d", "p1", null, "a@x", new Dictionary<string, string?> { ["firstName"] = "Ada" }, new HashSet<string>(), default);
        var request = new ExportRequest { ProfileKey = "p1", ForeignKey = "a@x", Fields = new Dictionary<string, string?> { ["firstName"] = "Grace" }, LastExported = ExportDoubts.Resolve(confirmed, mapped) };
        var everyFieldInDoubt = ExportDoubts.Before(confirmed, request, mapped, mapped)!;
        var first = ExportDoubts.FirstWrite("d", "p2", "a@x", mapped, default);
        var firstRequest = new ExportRequest { ProfileKey = "p2", ForeignKey = "a@x", Fields = request.Fields, LastExported = ExportDoubts.Resolve(first, mapped) };
        var firstTriedAgain = ExportDoubts.Before(first, firstRequest, mapped, mapped)!;
        var deleting = ExportDoubts.DeleteInDoubt(confirmed with { RemoteId = "17" }, mapped);

        Assert.Equal(ExportDoubts.FieldMark, everyFieldInDoubt.Fields["firstName"]);
        Assert.False(ExportDoubts.IsFirstWrite(everyFieldInDoubt));
        Assert.True(ExportDoubts.IsFirstWrite(first));
        Assert.True(ExportDoubts.IsFirstWrite(firstTriedAgain));
        Assert.True(ExportDoubts.IsFirstWrite(deleting));

        // The mark is no field to diff, and a found record or a kept id settles it.
        Assert.DoesNotContain(ExportDoubts.ExistenceMark, ExportDoubts.Resolve(firstTriedAgain, mapped).Fields.Keys);
        Assert.False(ExportDoubts.IsFirstWrite(ExportDoubts.Located(firstTriedAgain, "a@x")));
        Assert.True(ExportDoubts.IsFirstWrite(ExportDoubts.Keep(confirmed with { ProfileKey = "p2" }, firstTriedAgain)));
        Assert.False(ExportDoubts.IsFirstWrite(ExportDoubts.Keep(confirmed with { ProfileKey = "p2", RemoteId = "18" }, firstTriedAgain)));
    }

    private static List<string> ListsOf(EngineFixture f, string email) =>
        [.. (f.Marketo.GetState().Records.Single(r => r.Email == email).Lists ?? []).Order(StringComparer.Ordinal)];

    private static async Task SyncAsync(EngineFixture f)
    {
        await using var engine = await f.OpenAsync();
        await engine.SyncOnceAsync(null, null, CancellationToken.None);
    }

    /// <summary>Polls and exports with an engine whose process "dies" (is cancelled, nothing recorded after) once a matching call has answered.</summary>
    private static async Task DieAfterAsync(EngineFixture f, Func<HttpRequestMessage, bool> call)
    {
        using var dies = new CancellationTokenSource();
        var options = new EngineOptions { Environment = f.Environment, Worker = "test-" + f.Folder, HttpClientFactory = _ => new HttpClient(new DiesAfter(call, dies)) };
        await using var engine = await HighwaterEngine.OpenAsync(f.LoadConfig(), options, CancellationToken.None);
        await engine.PollAsync(null, CancellationToken.None);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.ExportAsync(engine.Destinations[0], int.MaxValue, null, dies.Token));
    }

    private static async Task SetAsync(EngineFixture f, long id, string column, string value)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = f.App.Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE users SET {column} = $value, updated_at = $at WHERE id = $id";
        command.Parameters.AddWithValue("$value", value);
        command.Parameters.AddWithValue("$at", TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>Passes calls through; once a matching call has answered, the process "dies": everything after is cancelled.</summary>
    private sealed class DiesAfter(Func<HttpRequestMessage, bool> call, CancellationTokenSource dies) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (call(request))
            {
                await dies.CancelAsync();
            }

            return response;
        }
    }
}
