namespace Highwater.Simulators.Pardot;

/// <summary>One prospect as the admin API seeds and shows it.</summary>
/// <param name="Id">The prospect id (an integer as text); null when seeding asks for a new one.</param>
/// <param name="Email">Its e-mail.</param>
/// <param name="Fields">Its other fields by v4 name (<c>first_name</c>); null where not shown.</param>
/// <param name="Lists">The names of the lists it is in; null where not shown.</param>
public sealed record PardotSimRecord(
    string? Id,
    string? Email,
    IReadOnlyDictionary<string, string?>? Fields = null,
    IReadOnlyList<string>? Lists = null);
