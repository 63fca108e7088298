namespace Highwater.Core.Budget;

/// <summary>At most <paramref name="Calls"/> calls in any <paramref name="Per"/> (Mailchimp's ceiling: 1,000 in 1 s).</summary>
/// <param name="Calls">Calls the window allows.</param>
/// <param name="Per">The window's length.</param>
public readonly record struct RateLimit(long Calls, TimeSpan Per);
