using System.Globalization;
using System.Reflection;
using Highwater.Cli.Commands.Budget;
using Highwater.Cli.Commands.DeadLetters;
using Highwater.Cli.Commands.Plan;
using Highwater.Cli.Commands.Run;
using Highwater.Cli.Commands.Simulate;
using Highwater.Cli.Commands.Status;
using Highwater.Cli.Commands.Validate;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli;

/// <summary>The <c>highwater</c> command line: its verbs and how failures are reported.</summary>
/// <remarks>Shared by <c>Program</c> and the tests, so both run the same application.</remarks>
internal static class HighwaterApp
{
    public static void Configure(IConfigurator config, IAnsiConsole errors)
    {
        config.SetApplicationName("highwater");
        config.SetApplicationVersion(Version);
        config.Settings.Culture = CultureInfo.InvariantCulture;

        // A misspelt option must fail, not be passed over silently.
        config.Settings.StrictParsing = true;

        config.AddCommand<BudgetCommand>("budget")
            .WithDescription("What one batch costs on a service, step by step, and how many batches and users a day its quota carries.")
            .WithExample("budget", "--service", "marketo")
            .WithExample("budget", "--service", "marketo", "--users", "1000", "--create-share", "0.45", "--join-shares", "0.5,0.5,0.5,0.2,0.2")
            .WithExample("budget", "--service", "salesforce", "--reserve", "0.25", "--json");

        config.AddCommand<RunCommand>("run")
            .WithDescription("Runs the service: polls the sources, exports each destination as its scheduler decides, until SIGTERM or Ctrl+C.")
            .WithExample("run")
            .WithExample("run", "--config", "deploy/highwater.yaml", "--metrics-urls", "http://127.0.0.1:9464");

        config.AddCommand<SimulateCommand>("simulate")
            .WithDescription("Runs a service's simulator on 127.0.0.1, with the real limits and errors, until Ctrl+C.")
            .WithExample("simulate", "marketo", "--port", "8080")
            .WithExample("simulate", "salesforce", "--daily-quota", "15000");

        config.AddCommand<ValidateCommand>("validate")
            .WithDescription("Checks highwater.yaml and prints every problem at once, each with its line and setting.")
            .WithExample("validate")
            .WithExample("validate", "--config", "deploy/highwater.yaml");

        config.AddCommand<Commands.Init.InitCommand>("init")
            .WithDescription("Makes a working project in a folder: a highwater.yaml and a sample SQLite source of users to export to Marketo.")
            .WithExample("init", "my-sync")
            .WithExample("init", "my-sync", "--users", "50000", "--base-url", "https://123-ABC-456.mktorest.com");

        config.AddCommand<Commands.Sync.SyncCommand>("sync")
            .WithDescription("One pass: polls every source into the buffer, exports everything due to every destination, and exits (non-zero if anything failed).")
            .WithExample("sync")
            .WithExample("sync", "--config", "deploy/highwater.yaml", "--json");

        config.AddCommand<Commands.Demo.DemoCommand>("demo")
            .WithDescription("Runs Highwater on a generated SQLite source against a service's simulator (Marketo's unless --service names another), with no set-up: an initial sync, then a wave of changes; prints what each cost.")
            .WithExample("demo")
            .WithExample("demo", "--service", "salesforce", "--users", "1000")
            .WithExample("demo", "--users", "50000", "--keep", "demo-project");

        config.AddCommand<PlanCommand>("plan")
            .WithDescription("A dry run: polls the sources into a throwaway copy of the buffer and shows what each destination needs, its calls by step, and whether they fit in the quota left today. Calls no service.")
            .WithExample("plan")
            .WithExample("plan", "--config", "deploy/highwater.yaml", "--json");

        config.AddCommand<Commands.Reconcile.ReconcileCommand>("reconcile")
            .WithDescription("Reads the remote records, lists every difference from the buffer (missing records, fields, lists, orphans under old keys, records of deleted profiles) and repairs them with full records in the backfill lane; --dry-run only lists.")
            .WithExample("reconcile", "--dry-run")
            .WithExample("reconcile", "--destination", "marketo", "--keys", "17,42", "--json");

        config.AddCommand<StatusCommand>("status")
            .WithDescription("Per source its mark and last poll; per destination its outbox, quota and forecast, batch window, last run and dead letters. Reads the buffer only.")
            .WithExample("status")
            .WithExample("status", "--json");

        config.AddBranch<DeadLettersSettings>("deadletters", deadLetters =>
        {
            deadLetters.SetDescription("Lists, retries or discards the records that kept failing, by destination, reason and time.");
            deadLetters.SetDefaultCommand<DeadLettersVerbMissingCommand>();
            deadLetters.AddCommand<DeadLettersListCommand>("list")
                .WithDescription("Lists the matching dead letters, oldest first.")
                .WithExample("deadletters", "list", "--destination", "marketo", "--from", "7d")
                .WithExample("deadletters", "list", "--reason", "'invalid email'", "--json");
            deadLetters.AddCommand<DeadLettersRetryCommand>("retry")
                .WithDescription("Moves the matching dead letters back to the outbox, to be exported again.")
                .WithExample("deadletters", "retry", "--destination", "marketo", "--reason", "1006")
                .WithExample("deadletters", "retry", "--from", "2026-03-02T09:00:00Z", "--to", "2h");
            deadLetters.AddCommand<DeadLettersDiscardCommand>("discard")
                .WithDescription("Drops the matching dead letters for good.")
                .WithExample("deadletters", "discard", "--destination", "marketo", "--to", "30d");
        });

        config.AddBranch<Commands.Marks.MarksSettings>("marks", marks =>
        {
            marks.SetDescription("Shows where each source's next poll starts, and moves a source's mark to read its rows again.");
            marks.SetDefaultCommand<Commands.Marks.MarksListCommand>();
            marks.AddCommand<Commands.Marks.MarksListCommand>("list")
                .WithDescription("Per source: its mark, its last poll, and rows it could not place by their mark (ahead of the clock, or with none).")
                .WithExample("marks", "list")
                .WithExample("marks", "list", "--json");
            marks.AddCommand<Commands.Marks.MarksResetCommand>("reset")
                .WithDescription("Moves a source's mark back to the start (or --to a mark), so the next sync reads those rows again; unchanged rows cost no calls.")
                .WithExample("marks", "reset", "users")
                .WithExample("marks", "reset", "users", "--to", "2026-12-01T00:00:00Z");
        });

        config.SetExceptionHandler((exception, _) => Report(errors, exception));
    }

    /// <summary>The version <c>--version</c> prints: the package's, with the commit it was built from when known.</summary>
    public static string Version { get; } =
        typeof(HighwaterApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Prints a failure as messages, never as a stack trace, and picks the exit code.</summary>
    private static int Report(IAnsiConsole errors, Exception exception)
    {
        if (exception is CommandAppException { Pretty: { } pretty })
        {
            errors.Write(pretty);
            return ExitCodes.Usage;
        }

        if (exception is OperationCanceledException)
        {
            errors.Line("[yellow]Stopped before the end.[/] Nothing is lost: what was not exported waits in the buffer for the next sync.");
            return ExitCodes.Failure;
        }

        if (exception is Commands.Shared.ConfigProblemsException)
        {
            foreach (var line in exception.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                errors.Profile.Out.Writer.WriteLine(line);
            }

            return ExitCodes.InvalidConfig;
        }

        var usage = exception is CommandAppException or UsageException;
        foreach (var line in Logging.CredentialRedactor.Redact(exception.Message).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            errors.Line($"[red]Error:[/] {Markup.Escape(line)}");
        }

        return usage ? ExitCodes.Usage : ExitCodes.Failure;
    }
}
