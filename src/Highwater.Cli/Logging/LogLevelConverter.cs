using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Highwater.Cli.Logging;

/// <summary>Reads <c>--log-level</c>: a level's name (or its short form: info, warn), case-insensitive.</summary>
internal sealed class LogLevelConverter : TypeConverter
{
    public const string Names = "trace, debug, information, warning, error, critical or none";

    public static bool TryParse(string text, out LogLevel level)
    {
        level = text.Trim().ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "information" or "info" => LogLevel.Information,
            "warning" or "warn" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "critical" => LogLevel.Critical,
            "none" => LogLevel.None,
            _ => (LogLevel)(-1),
        };
        return level >= LogLevel.Trace;
    }

    public override bool GetStandardValuesSupported(ITypeDescriptorContext? context) => true;

    public override StandardValuesCollection GetStandardValues(ITypeDescriptorContext? context) =>
        new(new[] { "trace", "debug", "information", "warning", "error", "critical", "none" });

    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text && TryParse(text, out var level)
            ? level
            : throw new FormatException($"--log-level must be {Names} (was '{value}')");
}
