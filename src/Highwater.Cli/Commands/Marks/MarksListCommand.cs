using System.Text.Json;
using Highwater.Cli.Commands.Shared;
using Highwater.Engine.Configuration;
using Highwater.Sources.Polling;
using Highwater.Sources.Reading;
using Highwater.Storage.Marks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Marks;

/// <summary>
/// <c>highwater marks [list]</c>: per source where its next poll starts, when it last polled, and the
/// rows it could not place by their mark. Reads the buffer only.
/// </summary>
internal sealed class MarksListCommand(IAnsiConsole console) : AsyncCommand<MarksSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, MarksSettings settings, CancellationToken cancellationToken)
    {
        var config = EngineSession.Load(settings.Config);
        using var logging = EngineSession.Logging();
        var sources = new List<MarksJsonSource>();
        await using (var store = await EngineSession.OpenStoreAsync(config, logging, cancellationToken))
        {
            foreach (var (name, source) in config.Sources)
            {
                sources.Add(Describe(name, source, await store.Sources.GetAsync(name, cancellationToken)));
            }
        }

        var marks = new MarksJson(settings.Config, sources);
        if (settings.Json)
        {
            Write(console, marks);
            return ExitCodes.Success;
        }

        TextTable.Write(
            console,
            ["source", "mode", "mark", "last poll"],
            [.. sources.Select(s => (IReadOnlyList<string>)[
                s.Name,
                s.Mode,
                s.Mode == "diff" ? "-" : s.Mark is null ? "(start)" : s.MarkKey is { Length: > 0 } key ? $"{s.Mark} / key {key}" : s.Mark,
                s.LastPolledAt is { } at ? Figures.Time(at) : "never"])],
            1,
            2,
            3);
        foreach (var source in sources)
        {
            foreach (var warning in source.Warnings)
            {
                console.Line($"[yellow]{Markup.Escape(source.Name)}:[/] {Markup.Escape(warning)}");
            }
        }

        return ExitCodes.Success;
    }

    public static MarksJsonSource Describe(string name, SourceConfig source, SourceState? state)
    {
        var mode = source.Definition.MarkColumn is null ? "diff" : source.Definition.MarkKind == MarkKind.Integer ? "integer mark" : "timestamp mark";
        var mark = state?.Mark is { } m && m.Mark.Length > 0 ? MarkFormat.Display(m.Mark) : null;
        return new MarksJsonSource(name, mode, mark, state?.Mark?.Key, state?.LastPolledAt, MarkHealthText.Lines(state?.Health, name));
    }

    public static void Write(IAnsiConsole console, MarksJson marks) =>
        console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(marks, MarksJsonContext.Default.MarksJson));
}
