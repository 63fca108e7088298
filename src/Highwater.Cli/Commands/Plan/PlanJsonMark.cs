namespace Highwater.Cli.Commands.Plan;

/// <summary>A source's keyset position: its mark column's value and the key that breaks ties.</summary>
internal sealed record PlanJsonMark(string Mark, string Key);
