using Highwater.Storage.Profiles;
using Highwater.Storage.RemoteState;

namespace Highwater.Engine.Reconciling;

/// <summary>One profile to compare: as the buffer holds it, the foreign key it wants, and what Highwater last confirmed for it.</summary>
internal sealed record ReconcileTarget(StoredProfile Profile, string? ForeignKey, RemoteRecordState? Stored)
{
    public string Key => Profile.Key;

    /// <summary>The remote id Highwater recorded for it, if any.</summary>
    public string? StoredId => Stored?.RemoteId;
}
