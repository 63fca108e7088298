namespace Highwater.Core.Planning;

/// <summary>
/// What a destination does when a profile's foreign key is held by a record it does not own:
/// <c>onKeyConflict</c> in the configuration.
/// </summary>
public enum KeyConflictPolicy
{
    /// <summary>The profile is rejected for the destination, naming the record and its owner; its own record stays as it was.</summary>
    Reject,

    /// <summary>
    /// A record that exists only in the service (no profile owns it) is taken over: updated with the
    /// profile's data, and the profile's own older record deleted where the mode deletes. A record
    /// another profile owns is never taken.
    /// </summary>
    Adopt,
}
