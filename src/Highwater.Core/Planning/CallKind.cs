namespace Highwater.Core.Planning;

/// <summary>What one planned API call does.</summary>
public enum CallKind
{
    /// <summary>Find remote records by foreign key.</summary>
    Lookup,

    /// <summary>Delete records by remote id.</summary>
    Delete,

    /// <summary>Update existing records.</summary>
    Update,

    /// <summary>Create new records.</summary>
    Create,

    /// <summary>Create or update by foreign key.</summary>
    Upsert,

    /// <summary>Add records to lists.</summary>
    ListAdd,

    /// <summary>Remove records from lists.</summary>
    ListRemove,

    /// <summary>Add and remove members of one list in one call.</summary>
    ListUpdate,
}
