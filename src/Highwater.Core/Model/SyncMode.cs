namespace Highwater.Core.Model;

/// <summary>What a destination may do to remote records.</summary>
public enum SyncMode
{
    /// <summary>Create, update and delete.</summary>
    Sync,

    /// <summary>Create and update; a profile that should go is taken out of its lists instead.</summary>
    Additive,

    /// <summary>Update records that exist already; never create or delete.</summary>
    Enrich,
}
