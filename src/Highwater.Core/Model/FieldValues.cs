using System.Collections.Frozen;

namespace Highwater.Core.Model;

/// <summary>Shared empty values, so an unset property costs no allocation.</summary>
public static class FieldValues
{
    /// <summary>No fields.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Empty =
        FrozenDictionary<string, string?>.Empty;

    /// <summary>No groups or lists.</summary>
    public static readonly IReadOnlySet<string> NoNames = FrozenSet<string>.Empty;
}
