using Highwater.Cli.Commands.Shared;
using Highwater.Engine.Configuration;
using Highwater.Storage;
using Highwater.Storage.DeadLetters;
using Microsoft.Extensions.Logging;

namespace Highwater.Cli.Commands.DeadLetters;

/// <summary>What a <c>deadletters</c> verb works on: the configuration, its buffer, and the filter the options make.</summary>
internal sealed class DeadLettersScope : IAsyncDisposable
{
    private readonly ILoggerFactory _logging;

    private DeadLettersScope(HighwaterConfig config, IBufferStore store, DeadLetterFilter filter, ILoggerFactory logging)
    {
        Config = config;
        Store = store;
        Filter = filter;
        _logging = logging;
    }

    public HighwaterConfig Config { get; }

    public IBufferStore Store { get; }

    public DeadLetterFilter Filter { get; }

    /// <summary>Loads the configuration, reads the filter against the clock, and opens the buffer (alone: no source, connector or lease).</summary>
    /// <exception cref="UsageException">A time is not one, --from is not before --to, or no destination has that name.</exception>
    public static async Task<DeadLettersScope> OpenAsync(DeadLettersSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var config = EngineSession.Load(settings.Config);
        var filter = settings.Filter(time.GetUtcNow(), out var problems);
        var found = problems.ToList();
        if (settings.Destination is { } name && !config.Destinations.ContainsKey(name))
        {
            found.Add($"--destination: no destination is named '{name}' in {settings.Config} (known: {string.Join(", ", config.Destinations.Keys)})");
        }

        if (found.Count > 0)
        {
            throw new UsageException(string.Join('\n', found));
        }

        var logging = EngineSession.Logging(settings);
        try
        {
            return new DeadLettersScope(config, await EngineSession.OpenStoreAsync(config, logging, cancellationToken, time), filter, logging);
        }
        catch
        {
            logging.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _logging.Dispose();
    }
}
