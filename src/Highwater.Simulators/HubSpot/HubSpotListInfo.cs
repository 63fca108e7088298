namespace Highwater.Simulators.HubSpot;

/// <summary>One contact list.</summary>
/// <param name="Id">Its ILS list id.</param>
/// <param name="Name">Its name.</param>
/// <param name="ProcessingType">MANUAL, SNAPSHOT or DYNAMIC.</param>
public sealed record HubSpotListInfo(string Id, string Name, string ProcessingType);
