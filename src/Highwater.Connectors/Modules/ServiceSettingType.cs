namespace Highwater.Connectors.Modules;

/// <summary>The kinds of value a service's own setting holds.</summary>
public enum ServiceSettingType
{
    /// <summary>A whole number within a range, read as a <see cref="long"/>.</summary>
    Integer,

    /// <summary>An http or https URL, read as a <see cref="Uri"/>.</summary>
    Url,

    /// <summary>A list of strings, read as an <see cref="IReadOnlyList{T}"/> of <see cref="string"/>.</summary>
    Strings,
}
