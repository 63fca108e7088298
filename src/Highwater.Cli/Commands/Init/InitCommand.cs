using Highwater.Engine.Samples;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Init;

/// <summary>
/// <c>highwater init [FOLDER]</c>: scaffolds a working project — a <c>highwater.yaml</c> that
/// exports a sample SQLite source of generated users to Marketo, and the source itself — and says
/// what to run next.
/// </summary>
internal sealed class InitCommand(IAnsiConsole console) : AsyncCommand<InitSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, InitSettings settings, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(settings.Folder);
        var config = Path.Combine(folder, "highwater.yaml");
        if (File.Exists(config) || File.Exists(Path.Combine(folder, "app.db")))
        {
            throw new UsageException($"{folder} already holds a project (highwater.yaml or app.db); init never overwrites one: pick another folder");
        }

        Directory.CreateDirectory(folder);
        var app = new SampleDatabase(Path.Combine(folder, "app.db"));
        await app.CreateAsync(settings.Users, seed: 1, cancellationToken);
        await File.WriteAllTextAsync(config, SampleProject.Config(new Uri(settings.BaseUrl)), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, ".gitignore"), ".highwater/\n", cancellationToken);

        console.Line($"[green]Made a project in {Markup.Escape(folder)}:[/]");
        console.Line($"  highwater.yaml   exports the users of app.db to Marketo at {Markup.Escape(settings.BaseUrl)}");
        console.Line($"  app.db           a SQLite source: {settings.Users:N0} users (id, email, first_name, country, plan, deleted, updated_at)");
        console.Line("Next:");
        console.Line("  highwater simulate marketo --port 8080       # in another terminal: a Marketo to export to");
        console.Line("  export MARKETO_CLIENT_ID=sim-client MARKETO_CLIENT_SECRET=sim-secret");
        console.Line("  highwater validate && highwater plan && highwater sync && highwater status");
        return ExitCodes.Success;
    }
}
