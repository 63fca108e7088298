namespace Highwater.Storage.Outbox;

/// <summary>
/// A claimed row at the version an outbox transition acted on (completed, removed or released):
/// a newer version of the row is never settled by it.
/// </summary>
/// <param name="ProfileKey">The profile.</param>
/// <param name="Version">The version claimed (and exported, when completing).</param>
public readonly record struct OutboxCompletion(string ProfileKey, long Version);
