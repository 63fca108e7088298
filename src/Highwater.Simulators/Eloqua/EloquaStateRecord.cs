namespace Highwater.Simulators.Eloqua;

/// <summary>One contact as the instance holds it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Email">Its e-mail address.</param>
/// <param name="Fields">Its non-empty fields by REST name, <c>emailAddress</c> included.</param>
/// <param name="Lists">The names of the contact lists it is in.</param>
public sealed record EloquaStateRecord(string Id, string Email, IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<string> Lists);
