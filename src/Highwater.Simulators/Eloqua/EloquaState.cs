namespace Highwater.Simulators.Eloqua;

/// <summary>Everything the instance holds (the answer of <c>GET /_sim/state</c>).</summary>
/// <param name="Records">The contacts, oldest first.</param>
/// <param name="Lists">The contact lists, oldest first.</param>
public sealed record EloquaState(IReadOnlyList<EloquaStateRecord> Records, IReadOnlyList<EloquaListInfo> Lists);
