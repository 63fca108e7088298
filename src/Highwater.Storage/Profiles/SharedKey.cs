namespace Highwater.Storage.Profiles;

/// <summary>One value of a property that several live profiles share (as the buffer compares keys: without case).</summary>
/// <param name="Value">The value, lower-cased.</param>
/// <param name="ProfileKeys">The live profiles that have it, in key order.</param>
public sealed record SharedKey(string Value, IReadOnlyList<string> ProfileKeys);
