namespace Highwater.Core.Planning;

/// <summary>The steps of the batch algorithm, in the order they run.</summary>
public enum StepKind
{
    /// <summary>Look up remote ids by foreign key.</summary>
    Lookup,

    /// <summary>Delete those who must go.</summary>
    Delete,

    /// <summary>Update those who exist.</summary>
    Update,

    /// <summary>Create the rest.</summary>
    Create,

    /// <summary>Create or update in one call.</summary>
    Upsert,

    /// <summary>Add and remove list memberships.</summary>
    Memberships,
}
