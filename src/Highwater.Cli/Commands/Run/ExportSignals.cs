namespace Highwater.Cli.Commands.Run;

/// <summary>The wake signal of each destination's export loop.</summary>
internal sealed class ExportSignals(IEnumerable<string> destinations)
{
    private readonly Dictionary<string, WakeSignal> _signals = destinations.ToDictionary(d => d, _ => new WakeSignal(), StringComparer.Ordinal);

    public WakeSignal this[string destination] => _signals[destination];

    /// <summary>Wakes every export loop: changes arrived.</summary>
    public void WakeAll()
    {
        foreach (var signal in _signals.Values)
        {
            signal.Set();
        }
    }
}
