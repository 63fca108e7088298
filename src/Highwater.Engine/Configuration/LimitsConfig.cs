namespace Highwater.Engine.Configuration;

/// <summary>Overrides of a service's default rate policy; null keeps the default.</summary>
public sealed record LimitsConfig
{
    /// <summary>Calls a day (or per the service's long window).</summary>
    public long? Daily { get; init; }

    /// <summary>The zone whose midnight resets the daily quota.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Calls at once.</summary>
    public int? Concurrency { get; init; }

    /// <summary>The share of each window left for the account's other integrations (0..0.9).</summary>
    public double? Reserve { get; init; }
}
