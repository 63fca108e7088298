namespace Highwater.Storage.Outbox;

/// <summary>A claimed row whose export finished.</summary>
/// <param name="ProfileKey">The profile.</param>
/// <param name="Version">The version that was exported.</param>
public readonly record struct OutboxCompletion(string ProfileKey, long Version);
