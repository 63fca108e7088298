using Highwater.Storage.Profiles;

namespace Highwater.Storage.Ingest;

/// <summary>
/// New groups for a profile whose properties did not change (a relative-date group that time
/// moved). Written only if the profile is still exactly as read, so a poll that changed it meanwhile
/// (and evaluated its groups itself) is never overwritten.
/// </summary>
/// <param name="Read">The profile as read.</param>
/// <param name="Groups">Its groups now.</param>
/// <param name="Destinations">The destinations that map a group that changed: each gets an outbox row if the groups are written.</param>
public sealed record GroupChange(StoredProfile Read, IReadOnlySet<string> Groups, IReadOnlyList<string> Destinations);
