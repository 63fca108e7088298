namespace Highwater.Connectors.Modules;

/// <summary>What a service module sees of one configured destination.</summary>
public sealed record ServiceDestination
{
    /// <summary>Its name in the file.</summary>
    public required string Name { get; init; }

    /// <summary>The service's base URL.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Profiles per batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>The settings only its kind takes, as the file gave them.</summary>
    public ServiceSettings Settings { get; init; } = ServiceSettings.Empty;

    /// <summary>
    /// A credential by key: its value when the connector is built, its reference when the
    /// destination is only checked. Throws for a key the destination lacks when building.
    /// </summary>
    public required Func<string, string> Credential { get; init; }

    /// <summary>
    /// How soon a job the service runs (a Pardot import, an Eloqua bulk sync) is read again; null
    /// for the connector's default. Not a setting of the file: harnesses set it to suit a
    /// simulator's fast jobs.
    /// </summary>
    public TimeSpan? JobPollInterval { get; init; }
}
