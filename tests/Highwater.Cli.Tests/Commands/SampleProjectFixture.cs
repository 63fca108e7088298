using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Engine.Samples;
using Highwater.Simulators.Marketo;
using Highwater.Storage;
using Spectre.Console.Testing;

namespace Highwater.Cli.Tests.Commands;

/// <summary>
/// The sample project in a temporary folder (a SQLite app database of users, highwater.yaml, the
/// buffer under .highwater/) exporting to a Marketo simulator on 127.0.0.1 with the real limits.
/// Syncs go through the engine; the commands under test run in-process.
/// </summary>
internal sealed class SampleProjectFixture : IAsyncDisposable
{
    private SampleProjectFixture(string folder, MarketoSimulator marketo, SampleDatabase app)
    {
        Folder = folder;
        Marketo = marketo;
        App = app;
    }

    public string Folder { get; }

    public MarketoSimulator Marketo { get; }

    public SampleDatabase App { get; }

    public string ConfigPath => Path.Combine(Folder, "highwater.yaml");

    public string BufferPath => Path.Combine(Folder, ".highwater", "buffer.db");

    /// <summary>Makes the project; <paramref name="config"/> writes highwater.yaml from the simulator's address (the sample's when null).</summary>
    public static async Task<SampleProjectFixture> CreateAsync(int users, Func<Uri, string>? config = null)
    {
        var folder = Directory.CreateTempSubdirectory("hw-cli-").FullName;
        var marketo = await MarketoSimulator.StartAsync(new MarketoSimulatorOptions());
        var app = new SampleDatabase(Path.Combine(folder, "app.db"));
        await app.CreateAsync(users, seed: 7, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(folder, "highwater.yaml"), (config ?? (uri => SampleProject.Config(uri)))(marketo.BaseAddress));
        return new SampleProjectFixture(folder, marketo, app);
    }

    /// <summary>What the engine resolves secrets with: the simulator's credentials, and <paramref name="more"/>.</summary>
    public Func<string, string?> Environment(IReadOnlyDictionary<string, string>? more = null) => name => name switch
    {
        "MARKETO_CLIENT_ID" => new MarketoSimulatorOptions().ClientId,
        "MARKETO_CLIENT_SECRET" => new MarketoSimulatorOptions().ClientSecret,
        _ => more?.GetValueOrDefault(name),
    };

    /// <summary>Opens the engine as a worker would (the lock held when <paramref name="takeLock"/>).</summary>
    public Task<HighwaterEngine> OpenEngineAsync(bool takeLock = false, IReadOnlyDictionary<string, string>? secrets = null, TimeProvider? time = null)
    {
        var result = ConfigLoader.Load(ConfigPath);
        Assert.Empty(result.Problems);
        return HighwaterEngine.OpenAsync(result.Config!, new EngineOptions { Environment = Environment(secrets), Worker = "test-" + Folder, TakeLock = takeLock, Time = time ?? TimeProvider.System }, CancellationToken.None);
    }

    /// <summary>One sync: poll, export everything (on the clock <paramref name="time"/>, the system's when null).</summary>
    public async Task<SyncReport> SyncAsync(TimeProvider? time = null)
    {
        await using var engine = await OpenEngineAsync(time: time);
        return await engine.SyncOnceAsync(null, null, CancellationToken.None);
    }

    /// <summary>The real buffer, opened directly.</summary>
    public async Task<IBufferStore> OpenBufferAsync()
    {
        var store = BufferStoreFactory.Create(BufferPath, TimeProvider.System);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Runs the application on a console wide enough that no line wraps (not a terminal: plain lines and Markdown tables).</summary>
    public static CliResult Run(params string[] args)
    {
        using var output = new TestConsole().Width(1000);
        return HighwaterCli.Run(output, () => output.Output, args);
    }

    public async ValueTask DisposeAsync()
    {
        await Marketo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow file system; the temporary folder is cleaned eventually.
        }
    }
}
