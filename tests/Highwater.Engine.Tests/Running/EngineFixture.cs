using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Engine.Samples;
using Highwater.Simulators.Marketo;

namespace Highwater.Engine.Tests.Running;

/// <summary>A sample project in a temporary folder, exporting to a Marketo simulator on 127.0.0.1 with the real limits.</summary>
internal sealed class EngineFixture : IAsyncDisposable
{
    private EngineFixture(string folder, MarketoSimulator marketo, SampleDatabase app)
    {
        Folder = folder;
        Marketo = marketo;
        App = app;
    }

    public string Folder { get; }

    public MarketoSimulator Marketo { get; }

    public SampleDatabase App { get; }

    public string ConfigPath => Path.Combine(Folder, "highwater.yaml");

    public static async Task<EngineFixture> CreateAsync(int users, string? configText = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hw-engine-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var marketo = await MarketoSimulator.StartAsync(new MarketoSimulatorOptions());
        var app = new SampleDatabase(Path.Combine(folder, "app.db"));
        await app.CreateAsync(users, seed: 7, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(folder, "highwater.yaml"), configText ?? SampleProject.Config(marketo.BaseAddress));
        return new EngineFixture(folder, marketo, app);
    }

    public HighwaterConfig LoadConfig()
    {
        var result = ConfigLoader.Load(ConfigPath);
        Assert.Empty(result.Problems);
        return result.Config!;
    }

    public Func<string, string?> Environment => name => name switch
    {
        "MARKETO_CLIENT_ID" => new MarketoSimulatorOptions().ClientId,
        "MARKETO_CLIENT_SECRET" => new MarketoSimulatorOptions().ClientSecret,
        _ => null,
    };

    public Task<HighwaterEngine> OpenAsync(string? worker = null) =>
        HighwaterEngine.OpenAsync(LoadConfig(), new EngineOptions { Environment = Environment, Worker = worker ?? "test-" + Folder }, CancellationToken.None);

    /// <summary>Differences between the live users and what the simulator holds (fields and lists); empty when they agree.</summary>
    public Task<IReadOnlyList<string>> DifferencesAsync() =>
        SampleProject.DifferencesAsync(App, Marketo.GetState().Records.Select(r => new SampleRemoteRecord(r.Id, r.Email, r.Fields, r.Lists)));


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
}
