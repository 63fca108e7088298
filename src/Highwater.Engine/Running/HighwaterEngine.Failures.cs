using System.Text.Json;

namespace Highwater.Engine.Running;

public sealed partial class HighwaterEngine
{
    /// <summary>Since when <paramref name="destination"/> has refused every pass: the last run's instant when it was refused too, else now.</summary>
    private async Task<DateTimeOffset> FailingSinceAsync(DestinationRuntime destination, CancellationToken cancellationToken)
    {
        var state = await Store.Destinations.GetAsync(destination.Name, cancellationToken).ConfigureAwait(false);
        var previous = state?.LastRun is { } json ? JsonSerializer.Deserialize<LastRun>(json, LastRun.Json) : null;
        return previous?.FailingSince ?? Time.GetUtcNow();
    }
}
