namespace Highwater.Core.Budget;

/// <summary>A service's default daily call allowance, as the budget uses it (each service module states its own).</summary>
/// <param name="CallsPerDay">Calls a day.</param>
/// <param name="Source">Where the number comes from and how the window resets.</param>
public sealed record DailyQuota(int CallsPerDay, string Source);
