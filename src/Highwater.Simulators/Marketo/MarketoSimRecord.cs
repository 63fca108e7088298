namespace Highwater.Simulators.Marketo;

/// <summary>One lead as the admin API seeds and shows it.</summary>
/// <param name="Id">The lead id (an integer as text); null when seeding asks for a new one.</param>
/// <param name="Email">The lead's e-mail.</param>
/// <param name="Fields">Its other fields by REST name; null where not shown.</param>
/// <param name="Lists">The names of the static lists it is in; null where not shown.</param>
public sealed record MarketoSimRecord(
    string? Id,
    string? Email,
    IReadOnlyDictionary<string, string?>? Fields = null,
    IReadOnlyList<string>? Lists = null);
