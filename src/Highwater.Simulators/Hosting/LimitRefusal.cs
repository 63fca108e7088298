namespace Highwater.Simulators.Hosting;

/// <summary>Which limit refused a request.</summary>
internal enum LimitKind
{
    /// <summary>Too many requests in flight.</summary>
    Concurrency,

    /// <summary>A rolling window is full.</summary>
    Rate,

    /// <summary>The day's quota is spent.</summary>
    Daily,
}

/// <summary>A request refused by a limit, and how long until that limit would take it.</summary>
/// <param name="Kind">The limit.</param>
/// <param name="RetryAfter">Until the window's oldest request leaves it, or the next midnight; zero for concurrency.</param>
internal readonly record struct LimitRefusal(LimitKind Kind, TimeSpan RetryAfter);
