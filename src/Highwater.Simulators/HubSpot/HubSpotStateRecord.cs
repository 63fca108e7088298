namespace Highwater.Simulators.HubSpot;

/// <summary>One contact as the account holds it.</summary>
/// <param name="Id">Its record id.</param>
/// <param name="Email">Its e-mail address.</param>
/// <param name="Fields">Its non-empty properties by internal name, <c>email</c> included.</param>
/// <param name="Lists">The names of the lists it is in.</param>
public sealed record HubSpotStateRecord(string Id, string Email, IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<string> Lists);
