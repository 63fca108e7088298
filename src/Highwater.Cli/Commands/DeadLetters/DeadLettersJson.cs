using System.Text.Json;
using Highwater.Storage.DeadLetters;
using Spectre.Console;

namespace Highwater.Cli.Commands.DeadLetters;

/// <summary>
/// The <c>--json</c> output of the <c>deadletters</c> verbs: one document naming the action, the
/// filter and how many matched; <c>list</c> adds the letters and whether more matched than shown.
/// </summary>
internal sealed record DeadLettersJson(
    string Config,
    string Action,
    DeadLettersJsonFilter Filter,
    int Count,
    bool? More,
    IReadOnlyList<DeadLettersJsonLetter>? DeadLetters)
{
    public static void Write(IAnsiConsole console, DeadLettersJson document) =>
        console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(document, DeadLettersJsonContext.Default.DeadLettersJson));

    public static DeadLettersJsonFilter FilterOf(DeadLetterFilter filter) => new(filter.Destination, filter.ReasonContains, filter.From, filter.To);
}
