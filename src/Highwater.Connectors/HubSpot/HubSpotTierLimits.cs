namespace Highwater.Connectors.HubSpot;

/// <summary>The API limits of one HubSpot product tier.</summary>
/// <param name="TenSecondLimit">Requests per app in any rolling 10 seconds (the burst limit).</param>
/// <param name="DailyLimit">Requests per account per day, from midnight in the account's time zone.</param>
public readonly record struct HubSpotTierLimits(int TenSecondLimit, long DailyLimit);
