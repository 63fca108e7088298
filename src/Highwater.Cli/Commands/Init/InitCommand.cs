using Highwater.Cli.Commands.Shared;
using Highwater.Engine.Samples;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Init;

/// <summary>
/// <c>highwater init [FOLDER]</c>: scaffolds a working project — a <c>highwater.yaml</c> that
/// exports a sample SQLite source of generated users to Marketo, and the source itself — and says
/// what to run next, in lines that work as printed. A folder that already holds a
/// <c>highwater.yaml</c> but no <c>app.db</c> (a fresh clone of samples/quickstart) gets its source
/// only; nothing is ever overwritten.
/// </summary>
internal sealed class InitCommand(IAnsiConsole console) : AsyncCommand<InitSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, InitSettings settings, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(settings.Folder);
        var config = Path.Combine(folder, "highwater.yaml");
        var source = Path.Combine(folder, "app.db");
        var keepConfig = File.Exists(config);
        if (File.Exists(source) || (keepConfig && settings.BaseUrl is not null))
        {
            throw new UsageException($"{folder} already holds a project (highwater.yaml or app.db); init never overwrites one: pick another folder");
        }

        Directory.CreateDirectory(folder);
        var app = new SampleDatabase(source);
        await app.CreateAsync(settings.Users, seed: 1, cancellationToken);
        var baseUrl = new Uri(settings.BaseUrl ?? InitSettings.DefaultBaseUrl);
        if (!keepConfig)
        {
            await File.WriteAllTextAsync(config, SampleProject.Config(baseUrl), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, ".gitignore"), ".highwater/\n", cancellationToken);
        }

        console.Line($"[green]Made a project in {Markup.Escape(folder)}:[/]");
        console.Line(keepConfig
            ? "  highwater.yaml   kept as it was"
            : $"  highwater.yaml   exports the users of app.db to Marketo at {Markup.Escape(baseUrl.AbsoluteUri)}");
        console.Line($"  app.db           a SQLite source: {settings.Users:N0} users (id, email, first_name, country, plan, deleted, updated_at)");
        console.Line("Next:");
        foreach (var line in NextLines(folder, baseUrl, Launcher.Current()))
        {
            console.Profile.Out.Writer.WriteLine("  " + line);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// What to run next, each line as a shell runs it: into the folder (the commands read
    /// highwater.yaml there), a simulator on the port of <paramref name="baseUrl"/> when it is on
    /// this machine, its credentials, then validate, plan, sync and status.
    /// </summary>
    public static IReadOnlyList<string> NextLines(string folder, Uri baseUrl, string highwater)
    {
        var lines = new List<string>();
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), folder);
        if (relative != ".")
        {
            lines.Add("cd " + Launcher.Quote(relative.StartsWith("..", StringComparison.Ordinal) ? folder : relative));
        }

        if (baseUrl.IsLoopback)
        {
            lines.Add($"{highwater} simulate marketo --port {baseUrl.Port}   # in another terminal: a Marketo to export to");
            lines.Add("export MARKETO_CLIENT_ID=sim-client MARKETO_CLIENT_SECRET=sim-secret");
        }
        else
        {
            lines.Add("export MARKETO_CLIENT_ID=... MARKETO_CLIENT_SECRET=...   # your Marketo API user's");
        }

        lines.Add($"{highwater} validate && {highwater} plan && {highwater} sync && {highwater} status");
        return lines;
    }
}
