namespace Highwater.Engine.Reconciling;

/// <summary>How a remote record differs from what the buffer wants.</summary>
public enum DifferenceKind
{
    /// <summary>No record holds the profile's foreign key (nor its known remote id).</summary>
    MissingRecord,

    /// <summary>A mapped field holds another value than the profile's.</summary>
    FieldDiffers,

    /// <summary>The record is not in a mapped list the profile's groups want.</summary>
    ListMissing,

    /// <summary>The record is in a mapped list the profile's groups do not want.</summary>
    ListExtra,

    /// <summary>The record the profile owns (by remote id) sits under an old foreign key.</summary>
    Orphan,

    /// <summary>The profile is deleted but the record it owned is still there.</summary>
    ShouldNotExist,
}
