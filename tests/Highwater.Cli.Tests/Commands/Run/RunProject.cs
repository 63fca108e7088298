using Highwater.Engine.Samples;
using Highwater.Simulators.Marketo;
using Highwater.Storage;

namespace Highwater.Cli.Tests.Commands.Run;

/// <summary>
/// The sample project in a temporary folder, exporting its SQLite users to a Marketo simulator on
/// 127.0.0.1 with the real limits: a fixed 10 s window, 1 s polls, and the desired state to
/// compare the simulator with.
/// </summary>
internal sealed class RunProject : IAsyncDisposable
{
    private RunProject(string folder, string destination, MarketoSimulator marketo, SampleDatabase app)
    {
        Folder = folder;
        Destination = destination;
        Marketo = marketo;
        App = app;
    }

    public string Folder { get; }

    public string Destination { get; }

    public MarketoSimulator Marketo { get; }

    public SampleDatabase App { get; }

    public string ConfigPath => Path.Combine(Folder, "highwater.yaml");

    public string BufferPath => Path.Combine(Folder, ".highwater", "buffer.db");

    /// <summary>The credentials the simulator accepts, as the child process's environment names them.</summary>
    public static IReadOnlyDictionary<string, string> Secrets { get; } = new Dictionary<string, string>
    {
        ["MARKETO_CLIENT_ID"] = new MarketoSimulatorOptions().ClientId,
        ["MARKETO_CLIENT_SECRET"] = new MarketoSimulatorOptions().ClientSecret,
    };

    /// <param name="users">Users in the source.</param>
    /// <param name="destination">The destination's name (metrics carry it).</param>
    /// <param name="batchSize">Rows per batch.</param>
    /// <param name="secretsInFiles">Credentials by <c>${file:...}</c> references (in-process runs) instead of environment variables (child processes).</param>
    /// <param name="extraSources">YAML appended under <c>sources:</c>.</param>
    public static async Task<RunProject> CreateAsync(int users, string destination = "marketo", int batchSize = 300, bool secretsInFiles = false, string? extraSources = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hw-run-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var marketo = await MarketoSimulator.StartAsync(new MarketoSimulatorOptions());
        var app = new SampleDatabase(Path.Combine(folder, "app.db"));
        await app.CreateAsync(users, seed: 7, CancellationToken.None);
        var text = SampleProject.Config(marketo.BaseAddress, window: "10s");
        text = Replace(text, "lookBack: 1m", "lookBack: 2s");
        text = Replace(text, "pollInterval: 30s", "pollInterval: 1s\n    pageSize: 500");
        text = Replace(text, "batchSize: 300", $"batchSize: {batchSize}");
        text = Replace(text, "window: 10s", "window: 10s\n    adaptive: false");
        text = Replace(text, "\n  marketo:\n    kind: marketo", $"\n  {destination}:\n    kind: marketo");
        if (extraSources is not null)
        {
            text = Replace(text, "\ngroups:", $"{extraSources}\ngroups:");
        }

        if (secretsInFiles)
        {
            foreach (var (name, value) in Secrets)
            {
                var file = Path.Combine(folder, name.ToLowerInvariant());
                await File.WriteAllTextAsync(file, value);
                text = Replace(text, "${" + name + "}", "${file:" + file + "}");
            }
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "highwater.yaml"), text);
        return new RunProject(folder, destination, marketo, app);
    }

    /// <summary>Differences between the live users and what the simulator holds (fields, lists, duplicates, extras); empty when they agree.</summary>
    public Task<IReadOnlyList<string>> DifferencesAsync() =>
        SampleProject.DifferencesAsync(App, Marketo.GetState().Records.Select(r => new SampleRemoteRecord(r.Id, r.Email, r.Fields, r.Lists)));

    /// <summary>Opens the buffer store (once the service has stopped).</summary>
    public async Task<IBufferStore> OpenStoreAsync()
    {
        var store = BufferStoreFactory.Create(BufferPath, TimeProvider.System);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        await Marketo.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow file system; the temp folder is cleaned eventually.
        }
    }

    private static string Replace(string text, string old, string replacement) =>
        text.Contains(old, StringComparison.Ordinal)
            ? text.Replace(old, replacement, StringComparison.Ordinal)
            : throw new InvalidOperationException($"the sample configuration no longer holds '{old}'; update the test project");
}
