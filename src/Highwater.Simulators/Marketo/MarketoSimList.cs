namespace Highwater.Simulators.Marketo;

/// <summary>One static list as the admin API shows it.</summary>
/// <param name="Id">The list id (an integer as text).</param>
/// <param name="Name">The list name.</param>
public sealed record MarketoSimList(string Id, string Name);
