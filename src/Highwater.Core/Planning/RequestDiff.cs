namespace Highwater.Core.Planning;

/// <summary>One request compared with what was last exported: worked out once in phase one, reused in phase two.</summary>
/// <param name="Desired">The mapped lists the request's groups map to.</param>
/// <param name="Known">The mapped lists it was last exported in; empty when nothing was exported (or for a delete).</param>
/// <param name="ChangedFields">The fields that differ from the last exported ones; null when none differ or nothing was exported.</param>
/// <param name="Unchanged">Nothing the destination maps changed: no call is needed.</param>
internal readonly record struct RequestDiff(ListMask Desired, ListMask Known, FieldChanges? ChangedFields, bool Unchanged);
