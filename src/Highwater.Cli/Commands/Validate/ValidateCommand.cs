using Highwater.Connectors;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Sources.Reading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Validate;

/// <summary>
/// <c>highwater validate [--config FILE]</c>: reads the configuration and prints <b>every</b>
/// problem at once, one line each with its file, line and setting
/// (<c>highwater.yaml:14 destinations.marketo.batchSize: must be 1..300 (was 500)</c>).
/// Connects to nothing. Exits 0 when the file is sound, 3 when it has problems.
/// </summary>
internal sealed class ValidateCommand(IAnsiConsole console) : AsyncCommand<ValidateSettings>
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    public override async Task<int> ExecuteAsync(CommandContext context, ValidateSettings settings, CancellationToken cancellationToken)
    {
        var result = ConfigLoader.Load(settings.Config);
        foreach (var warning in result.Warnings)
        {
            // A warning does not fail validation: the file runs, but likely not as meant.
            console.Profile.Out.Writer.WriteLine($"warning: {warning}");
        }

        var problems = result.Problems.ToList();
        if (result.Config is { } loaded && settings.Connect)
        {
            problems.AddRange(await ConnectAsync(loaded, settings.Config, cancellationToken));
        }

        if (result.Config is not { } config || problems.Count > 0)
        {
            result = result with { Problems = problems };
            foreach (var problem in result.Problems)
            {
                // One line per problem, never wrapped, so it greps and pastes whole. The loader never puts a secret's value into one.
                console.Profile.Out.Writer.WriteLine(UrlText.WithoutUserInfo(problem.ToString()));
            }

            console.MarkupLineInterpolated($"[red]{result.Problems.Count} problem(s)[/] in {settings.Config}");
            return ExitCodes.InvalidConfig;
        }

        if (settings.Connect)
        {
            console.MarkupLineInterpolated($"Connected to {config.Sources.Count} source(s) (each table or query and its columns are there) and checked {config.Destinations.Count} destination(s) (every mapped field found among the service's writable fields: {FieldSources()}).");
        }

        console.MarkupLineInterpolated($"[green]{settings.Config} is valid:[/] {config.Sources.Count} source(s), {config.Groups.Count} group(s), {config.Destinations.Count} destination(s); the buffer is {config.Store.Kind} at {UrlText.WithoutUserInfo(config.Store.Connection.ToString())}");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Where each service's writable fields come from, from the module list:
    /// <c>Marketo, Salesforce and Eloqua as they describe them, Pardot from its documented fields and customFields</c>.
    /// </summary>
    internal static string FieldSources()
    {
        var described = ServiceModules.All.Where(m => m.FieldSource is null).Select(m => m.Title).ToList();
        var parts = new List<string>();
        if (described.Count > 0)
        {
            var names = described.Count == 1 ? described[0] : string.Join(", ", described[..^1]) + " and " + described[^1];
            parts.Add(names + (described.Count == 1 ? " as it describes them" : " as they describe them"));
        }

        parts.AddRange(ServiceModules.All.Where(m => m.FieldSource is not null).Select(m => $"{m.Title} {m.FieldSource}"));
        return string.Join(", ", parts);
    }

    /// <summary>Connects to every source and checks its table or query and columns; a problem per source that fails, naming why.</summary>
    private static async Task<List<ConfigProblem>> ConnectAsync(HighwaterConfig config, string file, CancellationToken cancellationToken)
    {
        var problems = new List<ConfigProblem>();
        foreach (var (name, source) in config.Sources)
        {
            try
            {
                var definition = source.Connection.IsReference ? source.Definition with { Connection = source.Connection.Resolve() } : source.Definition;
                await using var reader = SourceReaderFactory.Create(definition);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(ConnectTimeout);
                await reader.CheckAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problems.Add(new ConfigProblem(file, 0, $"sources.{name}", $"cannot be reached: no answer within {ConnectTimeout.TotalSeconds:N0} s"));
            }
            catch (Exception ex) when (ex is SourceException or InvalidOperationException or System.Data.Common.DbException or IOException or UnauthorizedAccessException)
            {
                // The reader's messages name the table, column or server; never the connection string's secrets.
                problems.Add(new ConfigProblem(file, 0, $"sources.{name}", $"cannot be read: {ex.Message.Replace('\n', ' ')}"));
            }
        }

        foreach (var (name, destination) in config.Destinations)
        {
            problems.AddRange(await CheckDestinationAsync(name, destination, file, cancellationToken));
        }

        return problems;
    }

    /// <summary>
    /// Asks a destination which record fields a write may set (Marketo's Describe Lead, Salesforce's
    /// Contact describe, Eloqua's field list; Pardot's documented fields and customFields) and checks
    /// every mapped field is one. Makes metadata calls only, through the destination's rate policy.
    /// </summary>
    private static async Task<List<ConfigProblem>> CheckDestinationAsync(string name, DestinationConfig destination, string file, CancellationToken cancellationToken)
    {
        var problems = new List<ConfigProblem>();
        using var http = new HttpClient { Timeout = ConnectTimeout };
        try
        {
            var governor = new RateGovernor(new RatePolicy(ConnectorCatalog.Policy(destination)), new InMemoryQuotaLedger(), TimeProvider.System);
            var connector = ConnectorCatalog.Create(destination, http, new GovernedCallGate(governor), TimeProvider.System, null);
            try
            {
                if (connector is IFieldDescriber describer)
                {
                    var fields = await describer.DescribeFieldsAsync(cancellationToken);
                    foreach (var remote in destination.Fields.Keys.Where(f => !fields.Contains(f)))
                    {
                        var near = fields.Where(f => Distance(f.ToUpperInvariant(), remote.ToUpperInvariant()) <= 2).Order(StringComparer.Ordinal).Take(5).ToList();
                        problems.Add(new ConfigProblem(file, LineOf(file, "destinations", name, "fields", remote), $"destinations.{name}.fields.{remote}", $"{destination.Kind} has no field '{remote}' that can be written{(near.Count > 0 ? $" (similar: {string.Join(", ", near)})" : "")}"));
                    }
                }
            }
            finally
            {
                (connector as IDisposable)?.Dispose();
            }
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(new ConfigProblem(file, 0, $"destinations.{name}", ex.Message));
        }
        catch (Exception ex) when (ex is ServiceCallException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            problems.Add(new ConfigProblem(file, 0, $"destinations.{name}", $"cannot be reached at {UrlText.WithoutUserInfo(destination.BaseUrl.ToString())}: {UrlText.WithoutUserInfo(ex.Message)}"));
        }

        return problems;
    }

    /// <summary>The line of a setting in the file validated (it was read a moment ago); 0 when it cannot be read again.</summary>
    private static int LineOf(string file, params string[] path)
    {
        try
        {
            return ConfigLoader.LineOf(File.ReadAllText(file), path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Levenshtein distance, for suggesting the field a misspelt name meant.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
