namespace Highwater.Core.Profiles;

/// <summary>A profile as the buffer knows it: merged properties, groups, and whether it should exist remotely.</summary>
/// <param name="Key">The profile key.</param>
/// <param name="Properties">Properties merged from every source.</param>
/// <param name="Groups">Groups it belongs to.</param>
/// <param name="Deleted">Whether it should no longer exist remotely.</param>
public sealed record ProfileSnapshot(string Key, IReadOnlyDictionary<string, string?> Properties, IReadOnlySet<string> Groups, bool Deleted);
