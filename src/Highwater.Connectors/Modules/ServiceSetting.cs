namespace Highwater.Connectors.Modules;

/// <summary>One setting a kind of destination takes beyond the common ones, and how the file writes it.</summary>
/// <param name="Name">The key in the file: <c>listFolder</c>.</param>
/// <param name="Type">What the value is.</param>
/// <param name="Min">The smallest whole number taken (<see cref="ServiceSettingType.Integer"/> only).</param>
/// <param name="Max">The largest whole number taken (<see cref="ServiceSettingType.Integer"/> only).</param>
public sealed record ServiceSetting(string Name, ServiceSettingType Type, int Min = 1, int Max = int.MaxValue)
{
    /// <summary>A whole number in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static ServiceSetting Integer(string name, int min = 1, int max = int.MaxValue) => new(name, ServiceSettingType.Integer, min, max);

    /// <summary>An http or https URL with no user information.</summary>
    public static ServiceSetting Url(string name) => new(name, ServiceSettingType.Url);

    /// <summary>A list of strings.</summary>
    public static ServiceSetting Strings(string name) => new(name, ServiceSettingType.Strings);
}
