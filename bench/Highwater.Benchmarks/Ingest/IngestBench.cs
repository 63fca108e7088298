using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Highwater.Core.Groups;
using Highwater.Core.Profiles;
using Highwater.Sources.Polling;
using Highwater.Sources.Reading;
using Highwater.Storage;
using Highwater.Storage.Ingest;
using Highwater.Storage.Marks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Highwater.Benchmarks.Ingest;

/// <summary>
/// The buffer's measured targets (issue "buffer store"): poll cost independent of table size,
/// initial-load throughput and peak memory, and coalescing. Each command prints one JSON line last.
/// </summary>
internal static class IngestBench
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    /// <summary>The poll-scale buffer: its SQLite file's name, or its PostgreSQL schema in the source's database.</summary>
    private const string BufferName = "buffer";

    private static readonly DestinationScope Marketo = new("marketo", new HashSet<string> { "email", "first_name" }, new HashSet<string> { "pro" });

    /// <summary><c>poll-scale --store sqlite|postgres [--small N] [--large N] [--changed N] [--runs N]</c></summary>
    public static async Task<int> PollScaleAsync(string[] args, TextWriter output)
    {
        var store = Option(args, "--store", "sqlite");
        var small = long.Parse(Option(args, "--small", "100000"), CultureInfo.InvariantCulture);
        var large = long.Parse(Option(args, "--large", "10000000"), CultureInfo.InvariantCulture);
        var changed = int.Parse(Option(args, "--changed", "1000"), CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs", "5"), CultureInfo.InvariantCulture);
        var smallSeconds = await MedianPollAsync(store, small, changed, runs, Console.Error);
        var largeSeconds = await MedianPollAsync(store, large, changed, runs, Console.Error);
        output.WriteLine(JsonSerializer.Serialize(new
        {
            store,
            rowsSmall = small,
            rowsLarge = large,
            changed,
            runs,
            pollSecondsSmall = Math.Round(smallSeconds, 4),
            pollSecondsLarge = Math.Round(largeSeconds, 4),
            ratio = Math.Round(largeSeconds / smallSeconds, 3),
        }, Json));
        return 0;
    }

    /// <summary><c>ingest [--rows N]</c>: fills a SQLite source, then loads it into a fresh SQLite buffer in a clean child process.</summary>
    public static async Task<int> IngestAsync(string[] args, TextWriter output)
    {
        var rows = long.Parse(Option(args, "--rows", "1000000"), CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("hw-ingest-").FullName;
        try
        {
            await using (var source = await BenchSource.CreateAsync("sqlite", folder))
            {
                await source.FillAsync(rows, Console.Error);
            }

            // Peak memory is the child's own: filling the source must not count.
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                start.ArgumentList.Add(typeof(IngestBench).Assembly.Location);
            }

            start.ArgumentList.Add("ingest-load");
            start.ArgumentList.Add(folder);
            using var child = Process.Start(start)!;
            var line = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            output.Write(line);
            return child.ExitCode;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The child of <see cref="IngestAsync"/>.</summary>
    public static async Task<int> IngestLoadAsync(string folder, TextWriter output)
    {
        var source = new SourceDefinition
        {
            Name = "users",
            Kind = SourceKind.Sqlite,
            Connection = $"Data Source={Path.Combine(folder, "source.db")}",
            Table = "users",
            KeyColumn = "id",
            MarkColumn = "updated_at",
            PageSize = 5000,
        };
        await using var buffer = BufferStoreFactory.Create(Path.Combine(folder, "buffer.db"), TimeProvider.System);
        await buffer.MigrateAsync(CancellationToken.None);
        var watch = Stopwatch.StartNew();
        var report = await Poller(source, buffer).PollAsync(CancellationToken.None);
        watch.Stop();
        using var self = Process.GetCurrentProcess();
        output.WriteLine(JsonSerializer.Serialize(new
        {
            rows = report.RowsRead,
            profiles = report.ProfilesChanged,
            outboxRows = report.OutboxWritten,
            seconds = Math.Round(watch.Elapsed.TotalSeconds, 2),
            rowsPerSecond = Math.Round(report.RowsRead / watch.Elapsed.TotalSeconds),
            peakWorkingSetMb = Math.Round(self.PeakWorkingSet64 / 1048576.0, 1),
        }, Json));
        return 0;
    }

    /// <summary><c>coalesce [--profiles N] [--rounds N]</c>: every profile changes every round; the outbox keeps one row each.</summary>
    public static async Task<int> CoalesceAsync(string[] args, TextWriter output)
    {
        var profiles = int.Parse(Option(args, "--profiles", "10000"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds", "100"), CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("hw-coalesce-").FullName;
        try
        {
            await using var source = await BenchSource.CreateAsync("sqlite", folder);
            await source.FillAsync(profiles, Console.Error);
            await using var buffer = BufferStoreFactory.Create(Path.Combine(folder, "buffer.db"), TimeProvider.System);
            await buffer.MigrateAsync(CancellationToken.None);
            var poller = Poller(source.Definition(), buffer);
            var watch = Stopwatch.StartNew();
            long changes = 0, written = 0, coalesced = 0;
            for (var round = 0; round < rounds; round++)
            {
                await source.ExecuteAsync(
                    "UPDATE users SET first_name = @name, updated_at = @at",
                    ("@name", $"Round{round}"), ("@at", BenchSource.Epoch.AddYears(1).AddMinutes(round).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)));
                var report = await poller.PollAsync(CancellationToken.None);
                changes += report.ProfilesChanged;
                written += report.OutboxWritten;
                coalesced += report.Coalesced;
            }

            var depth = await buffer.Outbox.DepthAsync("marketo", null, CancellationToken.None);
            output.WriteLine(JsonSerializer.Serialize(new
            {
                profiles,
                rounds,
                changes,
                outboxWrites = written,
                coalesced,
                outboxRows = depth.Waiting,
                seconds = Math.Round(watch.Elapsed.TotalSeconds, 2),
            }, Json));
            return depth.Waiting == profiles ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> MedianPollAsync(string store, long rows, int changed, int runs, TextWriter log)
    {
        var folder = Directory.CreateTempSubdirectory("hw-poll-").FullName;
        try
        {
            await using var source = await BenchSource.CreateAsync(store, folder);
            await source.FillAsync(rows, log);
            var end = new SourceMark(
                BenchSource.Epoch.AddSeconds(rows / 10).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
                rows.ToString(CultureInfo.InvariantCulture));
            // One buffer, as the initial load left it (a hash and a profile for every row, the
            // mark at the end); each run then changes the same rows again and polls them.
            await using var buffer = await FreshBufferAsync(store, folder, source);
            await buffer.Ingest.CommitAsync(new IngestCommit { Source = "users", Mark = end }, CancellationToken.None);
            await FillBufferAsync(store, folder, source, log);
            var poller = Poller(source.Definition(), buffer);
            var times = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                await source.TouchAsync(rows, changed, BenchSource.Epoch.AddYears(1).AddMinutes(run), $"Run{run}");
                var watch = Stopwatch.StartNew();
                var report = await poller.PollAsync(CancellationToken.None);
                watch.Stop();
                if (report.RowsRead != changed)
                {
                    throw new InvalidOperationException($"expected to read {changed} rows, read {report.RowsRead}");
                }

                times.Add(watch.Elapsed.TotalSeconds);
                await log.WriteLineAsync($"{store} {rows:N0} rows, run {run}: {watch.Elapsed.TotalMilliseconds:N1} ms");
            }

            times.Sort();
            return times[times.Count / 2];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Gives the buffer a row hash and a profile for every row of the source, in SQL: what an initial load leaves.</summary>
    private static async Task FillBufferAsync(string store, string folder, BenchSource source, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        if (store == "sqlite")
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, $"{BufferName}.db")}");
            await connection.OpenAsync();
            await using var fill = connection.CreateCommand();
            fill.CommandTimeout = 3600;
            fill.CommandText = $"""
                ATTACH DATABASE '{Path.Combine(folder, "source.db")}' AS src;
                BEGIN;
                INSERT INTO source_rows (source, key, hash) SELECT 'users', CAST(id AS TEXT), 'initial' FROM src.users ORDER BY 2;
                INSERT INTO profiles (key, properties, groups, deleted, updated_at)
                    SELECT CAST(id AS TEXT), json_object('email', email, 'first_name', first_name, 'id', CAST(id AS TEXT), 'plan', plan), '[]', 0, 0 FROM src.users ORDER BY 1;
                COMMIT;
                DETACH DATABASE src;
                """;
            await fill.ExecuteNonQueryAsync();
        }
        else
        {
            await source.ExecuteAsync($"""
                INSERT INTO {BufferName}.source_rows (source, key, hash) SELECT 'users', id::text, 'initial' FROM users;
                INSERT INTO {BufferName}.profiles (key, properties, groups, deleted, updated_at)
                    SELECT id::text, jsonb_build_object('email', email, 'first_name', first_name, 'id', id::text, 'plan', plan), '[]'::jsonb, false, now() FROM users;
                ANALYZE {BufferName}.source_rows;
                ANALYZE {BufferName}.profiles;
                """);
        }

        await log.WriteLineAsync($"filled the buffer in {watch.Elapsed.TotalSeconds:N1} s");
    }

    private static async Task<IBufferStore> FreshBufferAsync(string store, string folder, BenchSource source)
    {
        string connection;
        if (store == "sqlite")
        {
            connection = Path.Combine(folder, $"{BufferName}.db");
        }
        else
        {
            // A schema of its own in the source's database.
            await source.ExecuteAsync($"CREATE SCHEMA {BufferName}");
            connection = new NpgsqlConnectionStringBuilder(source.Connection) { SearchPath = BufferName }.ConnectionString;
        }

        var buffer = BufferStoreFactory.Create(connection, TimeProvider.System);
        await buffer.MigrateAsync(CancellationToken.None);
        return buffer;
    }

    private static SourcePoller Poller(SourceDefinition source, IBufferStore buffer) => new(
        SourceReaderFactory.Create(source),
        buffer,
        new ProfileMerger(new GroupEvaluator([new GroupDefinition { Name = "pro", Rule = new Comparison("plan", ComparisonOperator.Equal, "pro") }], TimeProvider.System)),
        [Marketo],
        TimeProvider.System,
        NullLogger<SourcePoller>.Instance);

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
