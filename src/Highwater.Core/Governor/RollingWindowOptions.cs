namespace Highwater.Core.Governor;

/// <summary>The settings of a <see cref="RollingWindow"/>, as configuration binds them.</summary>
public sealed class RollingWindowOptions
{
    /// <summary>The window's name in its policy and the ledger; by default its length ("20s", "24h").</summary>
    public string? Name { get; set; }

    /// <summary>Calls allowed in any interval of <see cref="Length"/>.</summary>
    public long Limit { get; set; }

    /// <summary>The window's length.</summary>
    public TimeSpan Length { get; set; }

    /// <summary>The share of the limit left for other integrations; by default 20% for a day or longer, else none.</summary>
    public double? ReserveShare { get; set; }
}
