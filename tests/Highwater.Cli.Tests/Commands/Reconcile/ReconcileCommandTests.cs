using System.Text.Json;
using Highwater.Engine.Samples;
using Highwater.Simulators.Marketo;

namespace Highwater.Cli.Tests.Commands.Reconcile;

/// <summary><c>highwater reconcile</c>, run in-process on the sample project against the Marketo simulator.</summary>
public sealed class ReconcileCommandTests : IAsyncLifetime
{
    private SampleProjectFixture _project = null!;

    public async Task InitializeAsync()
    {
        // The sample configuration names its secrets by reference; the simulator's values stand in for a real account's.
        Environment.SetEnvironmentVariable("MARKETO_CLIENT_ID", new MarketoSimulatorOptions().ClientId);
        Environment.SetEnvironmentVariable("MARKETO_CLIENT_SECRET", new MarketoSimulatorOptions().ClientSecret);
        _project = await SampleProjectFixture.CreateAsync(users: 80);
        await _project.SyncAsync();
    }

    public async Task DisposeAsync() => await _project.DisposeAsync();

    [Fact]
    public async Task Reconcile_DryRunListsThenARunRepairs_AndASecondRunFindsNothing()
    {
        var users = await _project.App.LiveUsersAsync(CancellationToken.None);
        var ids = _project.Marketo.GetState().Records.ToDictionary(r => r.Email!, r => r.Id!, StringComparer.OrdinalIgnoreCase);
        Assert.True(_project.Marketo.DeleteLead(ids[users[0].Email]));
        Assert.True(_project.Marketo.EditLead(ids[users[1].Email], "country", "Atlantis"));
        var wrong = SampleProject.ListsOf(users[2].Plan).Contains("Trial Users") ? "Paying Customers" : "Trial Users";
        Assert.True(_project.Marketo.SetListMember(ids[users[2].Email], wrong, member: true));

        var dry = SampleProjectFixture.Run("reconcile", "--config", _project.ConfigPath, "--dry-run", "--json");
        var stillDamaged = (await Differences()).Count;
        var repair = SampleProjectFixture.Run("reconcile", "--config", _project.ConfigPath, "--destination", "marketo", "--all", "--json");
        var again = SampleProjectFixture.Run("reconcile", "--config", _project.ConfigPath);

        Assert.Equal(0, dry.ExitCode);
        var listed = Destination(dry.Output);
        Assert.Equal(3, listed.GetProperty("found").GetInt32());
        Assert.All(listed.GetProperty("differences").EnumerateArray(), d => Assert.Equal("listed", d.GetProperty("state").GetString()));
        Assert.Empty(listed.GetProperty("writeCalls").EnumerateObject());
        Assert.Equal(3, stillDamaged);

        Assert.Equal(0, repair.ExitCode);
        var done = Destination(repair.Output);
        var kinds = done.GetProperty("differences").EnumerateArray().Select(d => (d.GetProperty("kind").GetString(), d.GetProperty("state").GetString())).Order().ToList();
        Assert.Equal([("fieldDiffers", "fixed"), ("listExtra", "fixed"), ("missingRecord", "fixed")], kinds);
        var field = done.GetProperty("differences").EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "fieldDiffers");
        Assert.Equal(("country", "Atlantis", users[1].Country), (field.GetProperty("name").GetString(), field.GetProperty("remoteValue").GetString(), field.GetProperty("wantedValue").GetString()));
        Assert.True(done.GetProperty("readCalls").GetProperty("read").GetInt64() >= 1);
        Assert.True(done.GetProperty("writeCalls").EnumerateObject().Sum(p => p.Value.GetInt64()) > 0);
        Assert.Empty(await Differences());

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("marketo (marketo): 80 profiles compared; reads planned: at most", again.Output, StringComparison.Ordinal);
        Assert.Contains("No differences.", again.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--keys", "1,2", "--all")]
    [InlineData("--destination", "salesforce")]
    [InlineData("--keys", ",")]
    public void Reconcile_BadCommandLine_ExitsWith2(params string[] args)
    {
        var result = SampleProjectFixture.Run(["reconcile", "--config", _project.ConfigPath, .. args]);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Reconcile_BrokenConfiguration_ExitsWith3()
    {
        await File.WriteAllTextAsync(_project.ConfigPath, (await File.ReadAllTextAsync(_project.ConfigPath)).Replace("batchSize: 300", "batchSize: 5000", StringComparison.Ordinal));

        var result = SampleProjectFixture.Run("reconcile", "--config", _project.ConfigPath);

        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task Reconcile_ServiceUnreachable_ExitsWith1AndSaysWhichDestination()
    {
        await _project.Marketo.DisposeAsync();

        var result = SampleProjectFixture.Run("reconcile", "--config", _project.ConfigPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error: marketo (marketo at http://127.0.0.1:", result.Output, StringComparison.Ordinal);
    }

    private Task<IReadOnlyList<string>> Differences() =>
        SampleProject.DifferencesAsync(_project.App, _project.Marketo.GetState().Records.Select(r => new SampleRemoteRecord(r.Id, r.Email, r.Fields, r.Lists)));

    private static JsonElement Destination(string output)
    {
        using var document = JsonDocument.Parse(output);
        return Assert.Single(document.RootElement.GetProperty("destinations").EnumerateArray()).Clone();
    }
}
