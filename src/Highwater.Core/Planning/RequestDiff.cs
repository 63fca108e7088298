namespace Highwater.Core.Planning;

/// <summary>One request compared with what was last exported: worked out once in phase one, reused in phase two.</summary>
/// <param name="Desired">The remote lists the request's groups map to, in ordinal order.</param>
/// <param name="ChangedFields">The fields that differ from the last exported ones; null when none differ or nothing was exported.</param>
/// <param name="Unchanged">Nothing the destination maps changed: no call is needed.</param>
internal readonly record struct RequestDiff(string[] Desired, Dictionary<string, string?>? ChangedFields, bool Unchanged);
