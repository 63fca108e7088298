namespace Highwater.Core.Planning;

/// <summary>Whether a membership change joins or leaves a list.</summary>
public enum MembershipDirection
{
    /// <summary>Join the list.</summary>
    Add,

    /// <summary>Leave the list.</summary>
    Remove,
}
