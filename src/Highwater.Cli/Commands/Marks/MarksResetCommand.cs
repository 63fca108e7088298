using Highwater.Cli.Commands.Shared;
using Highwater.Sources.Polling;
using Highwater.Storage.Marks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Marks;

/// <summary>
/// <c>highwater marks reset SOURCE [--to MARK]</c>: moves a source's mark, back to the start unless
/// <c>--to</c> says where, so the next poll reads those rows again. Row hashes stay: a row read
/// again whose content is unchanged costs no call. Holds the worker lock, so it refuses while a
/// <c>run</c> or <c>sync</c> of this configuration is polling.
/// </summary>
internal sealed class MarksResetCommand(IAnsiConsole console) : AsyncCommand<MarksResetSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, MarksResetSettings settings, CancellationToken cancellationToken)
    {
        var config = EngineSession.Load(settings.Config);
        if (!config.Sources.TryGetValue(settings.Source, out var source))
        {
            throw new UsageException($"no source is named '{settings.Source}' in {settings.Config} (known: {string.Join(", ", config.Sources.Keys)})");
        }

        if (source.Definition.MarkColumn is null)
        {
            throw new UsageException($"source '{settings.Source}' has no mark: it is read whole and compared row by row every poll, so there is nothing to reset");
        }

        SourceMark? to = null;
        if (settings.To is { } text && (to = MarkFormat.Parse(text, source.Definition.MarkKind, out var problem)) is null)
        {
            throw new UsageException($"--to: {problem}");
        }

        using var logging = EngineSession.Logging();
        SourceState? before;
        SourceState? after;
        await using (var engine = await EngineSession.OpenAsync(config, logging, cancellationToken))
        {
            before = await engine.Store.Sources.GetAsync(settings.Source, cancellationToken);
            await engine.Store.Sources.SetMarkAsync(settings.Source, to, cancellationToken);
            after = await engine.Store.Sources.GetAsync(settings.Source, cancellationToken);
        }

        var from = before?.Mark is { } m ? MarkFormat.Display(m.Mark) + (m.Key.Length > 0 ? $" / key {m.Key}" : "") : null;
        if (settings.Json)
        {
            MarksListCommand.Write(console, new MarksJson(settings.Config, [MarksListCommand.Describe(settings.Source, source, after)], from));
            return ExitCodes.Success;
        }

        var where = to is null ? "the start" : MarkFormat.Display(to.Mark);
        console.Line($"{Markup.Escape(settings.Source)}: mark moved from {Markup.Escape(from ?? "the start")} to {Markup.Escape(where)}.");
        console.Line(to is null
            ? "The next sync or run reads every row again; rows whose content is unchanged cost no calls."
            : $"The next sync or run reads every row marked {Markup.Escape(where)} or later again; rows whose content is unchanged cost no calls.");
        return ExitCodes.Success;
    }
}
