using System.Net;
using System.Net.Sockets;
using Highwater.Cli.Tests.Commands.Run;
using Highwater.Engine.Samples;
using Highwater.Simulators.Marketo;
using Npgsql;

namespace Highwater.Cli.Tests.Commands.Secrets;

/// <summary>
/// A PostgreSQL buffer whose password is a canary, given through <c>${file:...}</c> (the whole
/// connection string) or <c>${ENV}</c>: validate, plan, sync, status, deadletters and run with its
/// metrics page work with it and print it nowhere, and no table of the buffer holds it; a wrong
/// canary password fails naming the buffer, not the password. Needs the server HIGHWATER_TEST_POSTGRES names.
/// </summary>
public sealed class PostgresCanarySecretsTests : IAsyncLifetime
{
    private const string ServerVariable = "HIGHWATER_TEST_POSTGRES";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly string _id = Guid.NewGuid().ToString("N")[..10];
    private string? _server;
    private string _folder = "";
    private MarketoSimulator? _marketo;

    private string Role => $"hw_canary_{_id}";

    private string Database => $"hw_canary_{_id}";

    private string Password => $"canary-pg-{_id}";

    private string Variable => $"HW_CANARY_PG_{_id}";

    private string ConfigPath => Path.Combine(_folder, "highwater.yaml");

    private string Connection(string password) =>
        new NpgsqlConnectionStringBuilder(_server) { Username = Role, Password = password, Database = Database }.ConnectionString;

    public async Task InitializeAsync()
    {
        _server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(_server))
        {
            Assert.False(
                string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                $"{ServerVariable} is not set: under CI the PostgreSQL server is required (.ci/run starts it).");
            return;
        }

        await AdminAsync($"CREATE ROLE {Role} LOGIN PASSWORD '{Password}';", $"CREATE DATABASE {Database} OWNER {Role};");
        _folder = Directory.CreateTempSubdirectory("hw-pg-canary-").FullName;
        _marketo = await MarketoSimulator.StartAsync(new MarketoSimulatorOptions());
        await new SampleDatabase(Path.Combine(_folder, "app.db")).CreateAsync(20, seed: 7, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }

        if (_marketo is not null)
        {
            await _marketo.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS {Database} WITH (FORCE);", $"DROP ROLE IF EXISTS {Role};");
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temporary folder.
        }
    }

    [SkippableFact]
    public async Task EveryCommand_OnABufferWhosePasswordIsACanaryInAFile_WorksAndPrintsItNowhere()
    {
        Skip.If(_server is null, $"needs a PostgreSQL server: set {ServerVariable}");
        var file = Path.Combine(_folder, "pg-connection");
        await File.WriteAllTextAsync(file, Connection(Password));
        await WriteConfigAsync($"${{file:{file}}}");
        var environment = Secrets();

        var results = new List<(int ExitCode, string Output, string Errors)>
        {
            await CliProcess.RunAsync(_folder, environment, Deadline, "validate", "--config", ConfigPath, "--connect"),
            await CliProcess.RunAsync(_folder, environment, Deadline, "plan", "--config", ConfigPath),
            await CliProcess.RunAsync(_folder, environment, Deadline, "sync", "--config", ConfigPath, "--log-level", "debug"),
            await CliProcess.RunAsync(_folder, environment, Deadline, "status", "--config", ConfigPath),
            await CliProcess.RunAsync(_folder, environment, Deadline, "status", "--config", ConfigPath, "--json"),
            await CliProcess.RunAsync(_folder, environment, Deadline, "deadletters", "list", "--config", ConfigPath, "--json"),
        };

        Assert.All(results, result => Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}:\n{result.Output}\n{result.Errors}"));
        Assert.Equal(20, _marketo!.GetState().Records.Count);

        // run, with its metrics page, once more users arrive.
        await new SampleDatabase(Path.Combine(_folder, "app.db")).ApplyAsync(new SampleDatabase.Wave(Edits: 0, NewUsers: 3, Deletions: 0, EmailChanges: 0, PlanMoves: 0), seed: 2, CancellationToken.None);
        var port = FreePort();
        using (var run = CliProcess.Start(_folder, environment, "run", "--config", ConfigPath, "--log-level", "debug", "--metrics-urls", $"http://127.0.0.1:{port}"))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            var metrics = "";
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (_marketo.GetState().Records.Count < 23 || !metrics.Contains("highwater_records_total", StringComparison.Ordinal))
            {
                Assert.True(clock.Elapsed < Deadline, $"run never exported the 3 new users; it printed:\n{run.Output}\n{run.Errors}");
                try
                {
                    metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            }

            var exitCode = await run.TerminateAsync(Deadline);
            Assert.Equal(0, exitCode);
            results.Add((exitCode, run.Output, run.Errors));
            results.Add((0, metrics, ""));
        }

        AssertClean(results);
        await AssertBufferCleanAsync();
    }

    [SkippableFact]
    public async Task Sync_WithAWrongCanaryPasswordFromTheEnvironment_FailsNamingTheBuffer_NotThePassword()
    {
        Skip.If(_server is null, $"needs a PostgreSQL server: set {ServerVariable}");
        var wrong = $"canary-wrong-{_id}";
        await WriteConfigAsync($"${{{Variable}}}");
        var environment = Secrets();
        environment[Variable] = Connection(wrong);

        var sync = await CliProcess.RunAsync(_folder, environment, Deadline, "sync", "--config", ConfigPath);
        var status = await CliProcess.RunAsync(_folder, environment, Deadline, "status", "--config", ConfigPath);

        Assert.Equal(1, sync.ExitCode);
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("buffer (postgres)", sync.Errors, StringComparison.Ordinal);
        Assert.Contains("password authentication failed", sync.Errors, StringComparison.Ordinal);
        Assert.Empty(_marketo!.GetState().Records);
        foreach (var (_, output, errors) in (IEnumerable<(int, string, string)>)[sync, status])
        {
            foreach (var canary in (string[])[wrong, Password])
            {
                Assert.DoesNotContain(canary, output, StringComparison.Ordinal);
                Assert.DoesNotContain(canary, errors, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> Secrets() => new(RunProject.Secrets);

    private Task WriteConfigAsync(string buffer)
    {
        var config = SampleProject.Config(_marketo!.BaseAddress, window: "10s")
            .Replace("sqlite: .highwater/buffer.db ", $"postgres: {buffer} ", StringComparison.Ordinal)
            .Replace("pollInterval: 30s", "pollInterval: 1s", StringComparison.Ordinal);
        Assert.Contains("postgres: ", config, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, config, StringComparison.Ordinal);
        return File.WriteAllTextAsync(ConfigPath, config);
    }

    private void AssertClean(IEnumerable<(int ExitCode, string Output, string Errors)> results)
    {
        foreach (var (_, output, errors) in results)
        {
            Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, errors, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        }
    }

    /// <summary>Every row of every table of the buffer database, as text.</summary>
    private async Task AssertBufferCleanAsync()
    {
        await using var connection = new NpgsqlConnection(Connection(Password));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE';", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains(tables, t => t.EndsWith(".outbox", StringComparison.Ordinal));
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table} t WHERE t::text LIKE '%' || @canary || '%';", connection);
            count.Parameters.AddWithValue("canary", Password);
            Assert.True((long)(await count.ExecuteScalarAsync())! == 0, $"{table} holds the canary password");
        }
    }

    private async Task AdminAsync(params string[] statements)
    {
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, admin);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
