namespace Highwater.Simulators.HubSpot;

/// <summary>Everything the account holds (the answer of <c>GET /_sim/state</c>).</summary>
/// <param name="Records">The contacts, oldest first.</param>
/// <param name="Lists">The contact lists, oldest first.</param>
public sealed record HubSpotState(IReadOnlyList<HubSpotStateRecord> Records, IReadOnlyList<HubSpotListInfo> Lists);
