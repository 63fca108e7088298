namespace Highwater.Simulators.Eloqua;

/// <summary>A contact list: its id and name.</summary>
public sealed record EloquaListInfo(string Id, string Name);
