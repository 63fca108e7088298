using System.ComponentModel;
using Highwater.Cli.Commands.Shared;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Run;

/// <summary>The options of <c>highwater run</c>.</summary>
internal sealed class RunSettings : ConfigSettings
{
    [CommandOption("--metrics-urls <URLS>")]
    [Description("Serve Prometheus metrics at /metrics on these base URLs, comma-separated (e.g. http://127.0.0.1:9464).")]
    public string? MetricsUrls { get; init; }

    /// <summary>The metrics base URLs (valid once <see cref="Validate"/> passed).</summary>
    public IReadOnlyList<Uri> Urls => Parse(MetricsUrls).Select(x => x.Url).OfType<Uri>().ToList();

    public override ValidationResult Validate()
    {
        var problems = Parse(MetricsUrls).Where(x => x.Url is null).Select(x => $"--metrics-urls: '{x.Text}' must be http://HOST:PORT with no path (e.g. http://127.0.0.1:9464)").ToList();
        return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", problems));
    }

    private static IEnumerable<(string Text, Uri? Url)> Parse(string? text)
    {
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ok = Uri.TryCreate(part, UriKind.Absolute, out var url)
                && url.Scheme == Uri.UriSchemeHttp
                && url.AbsolutePath == "/"
                && url.Query.Length == 0
                && url.UserInfo.Length == 0;
            yield return (part, ok ? url : null);
        }
    }
}
