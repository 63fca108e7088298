namespace Highwater.Storage.Migrations;

/// <summary>One numbered schema change.</summary>
/// <param name="Version">Its number; migrations apply in this order, each once.</param>
/// <param name="Name">The script's name, recorded beside the version.</param>
/// <param name="Sql">The script.</param>
internal sealed record Migration(int Version, string Name, string Sql);
