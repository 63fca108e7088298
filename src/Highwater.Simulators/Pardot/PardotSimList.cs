namespace Highwater.Simulators.Pardot;

/// <summary>One list as the admin API shows it.</summary>
/// <param name="Id">The list id (an integer as text).</param>
/// <param name="Name">Its name.</param>
public sealed record PardotSimList(string Id, string Name);
