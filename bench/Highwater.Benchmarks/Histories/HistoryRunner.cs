using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Benchmarks.Scenarios;
using Highwater.Engine.Configuration;
using Highwater.Engine.Execution;
using Highwater.Engine.Running;
using Highwater.Storage.DeadLetters;
using Microsoft.Data.Sqlite;

namespace Highwater.Benchmarks.Histories;

/// <summary>
/// Runs histories of one service against the real engine (<see cref="HighwaterEngine"/>: a SQLite
/// source, a SQLite buffer in a temporary folder, the service's simulator on 127.0.0.1), all on one
/// <see cref="HistoryClock"/>. One simulator serves every history of the runner and is reset
/// between them. A history: the CRM-only records are seeded, its steps run (source changes, syncs
/// with faults and crashes; after a crash the engine is reopened on the same buffer, as a restarted
/// process), then faults stop and the engine syncs until nothing waits, the clock moving past every
/// backoff and hold; the <see cref="HistoryOracle"/> then compares the service with the source.
/// </summary>
internal sealed partial class HistoryRunner : IAsyncDisposable
{
    /// <summary>Sync passes after the history before it counts as never settling.</summary>
    public const int MaxSettlePasses = 12;

    private static readonly TimeSpan WallLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Where a history's databases live: in memory (<c>/dev/shm</c>) where the system has it, else the
    /// temporary folder. A crash here is the process dying, not the machine: what SQLite wrote is
    /// read back the same from either, and a disk's flushes only cost time (most of a history's, on
    /// a busy disk).
    /// </summary>
    private static readonly string Scratch = ScratchRoot();

    /// <summary>How often the driver looks again with nothing waking it (a safety net: a timer or a call's end wakes it at once).</summary>
    private static readonly TimeSpan SafetyPoll = TimeSpan.FromMilliseconds(20);

    private readonly HistoryClock _clock;
    private readonly IAsyncDisposable _simulator;
    private readonly HistoryAdmin _admin;
    private readonly Uri _baseAddress;
    private int _calls;

    private HistoryRunner(HistoryService service, HistoryClock clock, Uri baseAddress, IAsyncDisposable simulator)
    {
        Service = service;
        _clock = clock;
        _baseAddress = baseAddress;
        _simulator = simulator;
        _admin = new HistoryAdmin(baseAddress);
    }

    public HistoryService Service { get; }

    public static async Task<HistoryRunner> StartAsync(string service)
    {
        var definition = HistoryService.Get(service);
        var clock = new HistoryClock();
        var (baseAddress, handle) = await definition.StartAsync(clock).ConfigureAwait(false);
        return new HistoryRunner(definition, clock, baseAddress, handle);
    }

    public async Task<HistoryOutcome> RunAsync(History history)
    {
        var wall = Stopwatch.StartNew();
        _clock.Restart();
        _calls = 0;
        await _admin.ResetAsync().ConfigureAwait(false);
        // A reset keeps the tokens the simulator issued, with expiries on an earlier history's clock
        // (Marketo would hand the same one out again): no history may inherit another's.
        await _admin.FaultsAsync(new JsonObject { ["expireTokens"] = true }).ConfigureAwait(false);
        await _admin.SeedAsync(Service, history.CrmOnly).ConfigureAwait(false);
        var folder = Path.Combine(Scratch, "hw-history-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var model = new SourceModel(history.CrmOnly);
        var passes = 0;
        try
        {
            // The application's one writer, open for the whole history (the engine reads through its own connections).
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "app.db"), Pooling = false }.ToString());
            await source.OpenAsync().ConfigureAwait(false);
            await ExecuteAsync(source, "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, first_name TEXT, country TEXT, plan TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL)").ConfigureAwait(false);
            var configPath = Path.Combine(folder, "highwater.yaml");
            await File.WriteAllTextAsync(configPath, Config(history.DiffMode)).ConfigureAwait(false);
            var loaded = ConfigLoader.Load(configPath);
            if (loaded.Problems.Count > 0)
            {
                throw new InvalidOperationException("the history's configuration has problems: " + string.Join("; ", loaded.Problems));
            }

            var (engine, handler) = await OpenAsync(loaded.Config!).ConfigureAwait(false);
            try
            {
                foreach (var step in history.Steps)
                {
                    FaultHandler.TraceLine($"step: {step}");
                    if (step is OpStep op)
                    {
                        // Taking a CRM-only record's address is a conflict for a user that owns a
                        // record already; a user the service holds no record of (a new duplicate,
                        // one rejected so far) matches the CRM record by its address on its first
                        // export, which is not what these operations test: such an operation is
                        // left out.
                        if (await LandsUnexportedOnCrmAddressAsync(model, history, op.Op).ConfigureAwait(false))
                        {
                            _clock.Advance(TimeSpan.FromSeconds(1));
                            continue;
                        }

                        foreach (var id in model.Apply(op.Op))
                        {
                            await WriteAsync(source, model.Find(id), id).ConfigureAwait(false);
                        }

                        _clock.Advance(TimeSpan.FromSeconds(1));
                        continue;
                    }

                    handler.Arm((SyncStep)step);
                    passes++;
                    if (await SyncAsync(engine, handler).ConfigureAwait(false) is null)
                    {
                        // Crashed: the process is gone; a new one opens the same buffer.
                        await CloseAsync(engine, handler).ConfigureAwait(false);
                        (engine, handler) = await OpenAsync(loaded.Config!).ConfigureAwait(false);
                    }

                    _clock.Advance(TimeSpan.FromSeconds(1));
                }

                // Faults stop; the clock moves past any backoff or hold before each pass.
                await _admin.FaultsAsync(new JsonObject { ["serverErrorRate"] = 0.0, ["dropRate"] = 0.0, ["slowMillis"] = 0 }).ConfigureAwait(false);
                handler.Arm(null);
                var settled = false;
                var last = "";
                DateTimeOffset? heldUntil = null;
                for (var pass = 0; pass < MaxSettlePasses && !settled; pass++)
                {
                    // An hour on; after a hold (the day's quota spent: a pass stops and says until
                    // when rows wait, rather than sleeping through it) six hours on, or to its end:
                    // a rolling day's "until" is only the governor's next look.
                    var next = _clock.GetUtcNow() + TimeSpan.FromHours(heldUntil is null ? 1 : 6) + TimeSpan.FromSeconds(1);
                    _clock.AdvanceTo(heldUntil is { } until && until + TimeSpan.FromSeconds(1) > next ? until + TimeSpan.FromSeconds(1) : next);
                    FaultHandler.TraceLine($"settling pass {pass + 1}");
                    passes++;
                    var report = await SyncAsync(engine, handler).ConfigureAwait(false)
                        ?? throw new InvalidOperationException("a crash while settling, with none armed");
                    var export = report.Exports.Single();
                    settled = export.Waiting == 0 && export.Error is null;
                    heldUntil = export.HeldUntil;
                    last = $"waiting {export.Waiting}, rows {export.Rows}, exported {export.Exported}, retry later {export.RetryLater}, rejected {export.Rejected}, held by {export.HeldBy?.ToString() ?? "nothing"} until {export.HeldUntil?.ToString("O", CultureInfo.InvariantCulture) ?? "-"}, error {export.Error ?? "none"}, failures [{string.Join("; ", export.Failures)}]";
                }

                if (!settled)
                {
                    return new HistoryOutcome(history, [$"never settled: after {MaxSettlePasses} sync passes an hour apart (six hours, or past its end, after a hold) the last one says {last}"], passes, wall.Elapsed);
                }

                var letters = await engine.Store.DeadLetters.ListAsync(new DeadLetterFilter(), 10_000, CancellationToken.None).ConfigureAwait(false);
                var state = await _admin.StateAsync().ConfigureAwait(false);
                return new HistoryOutcome(history, HistoryOracle.Differences(Service, history, model, state, letters), passes, wall.Elapsed)
                {
                    Fingerprint = Fingerprint(state, letters, passes, _calls),
                };
            }
            finally
            {
                await CloseAsync(engine, handler).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new HistoryOutcome(history, [$"the run failed: {ex.GetType().Name}: {ex.Message}"], passes, wall.Elapsed);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file a crashed engine still holds; the temp folder is cleaned eventually.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _simulator.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<(HighwaterEngine Engine, FaultHandler Handler)> OpenAsync(HighwaterConfig config)
    {
        var handler = new FaultHandler(_admin.FaultsAsync, Service.DailyQuota, _clock.Pulse);
        var options = new EngineOptions
        {
            Time = _clock,
            Environment = name => Service.Secrets.GetValueOrDefault(name),
            Worker = "history",
            TakeLock = false,
            HttpClientFactory = _ => new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(100) },
            // One call at a time: the fault armed at call N meets that call alone, and a seed replays.
            Executor = new ExecutorOptions { Parallelism = 1 },
        };
        return (await HighwaterEngine.OpenAsync(config, options, CancellationToken.None).ConfigureAwait(false), handler);
    }

    /// <summary>The engine's files closed as the operating system closes a dead process's, its connections too (else they linger until finalized).</summary>
    private static async Task CloseAsync(HighwaterEngine engine, FaultHandler handler)
    {
        await engine.DisposeAsync().ConfigureAwait(false);
        handler.Dispose();
    }

    /// <summary>
    /// One sync pass, moving the clock to the next timer whenever the engine waits on one with no
    /// call in flight. Null when the engine crashed at its armed call (the pass is abandoned).
    /// </summary>
    /// <remarks>
    /// Every timer on the clock is one the engine awaits the moment it starts it (the governor's
    /// pauses, retry backoffs, import and sync polls; the simulators start none with no latency
    /// set), and the engine makes one call at a time; so a waiting timer with no call in flight is
    /// the engine waiting on it, and the clock moves at once, woken by <see cref="HistoryClock.Changed"/>
    /// rather than by polling. The check is the state, never how long something took, so a seed
    /// replays. A slow poll stays as a safety net for a wake-up missed.
    /// </remarks>
    private async Task<SyncReport?> SyncAsync(HighwaterEngine engine, FaultHandler handler)
    {
        var before = handler.Calls;
        var work = engine.SyncOnceAsync(null, null, CancellationToken.None);
        var wall = Stopwatch.StartNew();
        while (true)
        {
            // Taken before the state is read: a change after the read still wakes the wait below.
            var changed = _clock.Changed;
            if (work.IsCompleted || handler.Crashed.IsCompleted)
            {
                break;
            }

            if (handler.InFlight == 0 && _clock.NextDue is { } due)
            {
                // A timer already due that did not end the wait (a loop re-checking the time) needs time to move: a millisecond.
                var now = _clock.GetUtcNow();
                _clock.AdvanceTo(due > now ? due : now + TimeSpan.FromMilliseconds(1));
                continue;
            }

            await Task.WhenAny(work, handler.Crashed, changed, Task.Delay(SafetyPoll, TimeProvider.System)).ConfigureAwait(false);
            if (wall.Elapsed > WallLimit)
            {
                throw new TimeoutException($"a sync pass made no end in {WallLimit.TotalSeconds} s of real time: {handler.InFlight} call(s) in flight, {handler.Calls} made, clock at {_clock.GetUtcNow():O}, next timer {_clock.NextDue?.ToString("O", CultureInfo.InvariantCulture) ?? "none"}");
            }
        }

        _calls += handler.Calls - before;
        if (handler.Crashed.IsCompleted)
        {
            FaultHandler.TraceLine("  (crashed)");
            return null;
        }

        var report = await work.ConfigureAwait(false);
        if (FaultHandler.Trace)
        {
            foreach (var export in report.Exports)
            {
                FaultHandler.TraceLine($"  pass: waiting {export.Waiting}, exported {export.Exported}, deleted {export.Deleted}, retry later {export.RetryLater}, rejected {export.Rejected}, error {export.Error ?? "none"}, failures [{string.Join("; ", export.Failures)}]");
            }

            var letters = await engine.Store.DeadLetters.ListAsync(new DeadLetterFilter(), 100, CancellationToken.None).ConfigureAwait(false);
            foreach (var letter in letters)
            {
                FaultHandler.TraceLine($"  dead letter: {letter.ProfileKey}: {letter.Reason}");
            }

            var destination = report.Exports[0].Destination;
            var states = await engine.Store.RemoteState.GetAsync(destination, [.. Enumerable.Range(1, 12).Select(i => i.ToString(CultureInfo.InvariantCulture))], CancellationToken.None).ConfigureAwait(false);
            foreach (var (key, state) in states.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                var fields = string.Join(",", state.Fields.Select(f => $"{f.Key.Replace("\u0001", "^", StringComparison.Ordinal)}={f.Value?.Replace("\u0001", "^", StringComparison.Ordinal).Replace("\n", "|", StringComparison.Ordinal)}"));
                FaultHandler.TraceLine($"  state {key}: id {state.RemoteId ?? "-"} key {state.ForeignKey ?? "-"} fields [{fields}] lists [{string.Join(",", state.Lists).Replace("\u0001", "^", StringComparison.Ordinal)}]");
            }
        }

        return report;
    }

    /// <summary>
    /// What a replay must reproduce exactly: the service's end state, the dead letters, the passes
    /// and the calls made. Not the record ids, only their order (Eloqua's simulator keeps counting
    /// across resets); nor the instants (when it ended, when a letter was written): the executor's
    /// retry backoff has a random jitter (Polly's, not seeded), so the clock may end a fraction of
    /// a second apart from one replay to the next.
    /// </summary>
    private static string Fingerprint(SimState state, IReadOnlyList<DeadLetter> letters, int passes, int calls)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{passes} passes, {calls} calls\n");
        var rank = 0;
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in state.Records.OrderBy(r => r.Id.Length).ThenBy(r => r.Id, StringComparer.Ordinal))
        {
            var fields = string.Join(",", record.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value.GetRawText()}"));
            ranks[record.Id] = ++rank;
            text.Append(CultureInfo.InvariantCulture, $"#{rank} <{record.Email}> {fields} [{string.Join(",", record.Lists.Order(StringComparer.Ordinal))}]\n");
        }

        // A letter names records by id, which (Eloqua's) differ from run to run: by rank instead.
        string Ranked(string reason) => RecordIdInText().Replace(reason, m => $"{m.Groups[1].Value}{(ranks.TryGetValue(m.Groups[2].Value, out var r) ? $"#{r}" : "#gone")}");
        foreach (var letter in letters.Select(l => (l.ProfileKey, l.Attempts, Reason: Ranked(l.Reason))).OrderBy(l => l.ProfileKey, StringComparer.Ordinal).ThenBy(l => l.Reason, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"letter {letter.ProfileKey} {letter.Attempts} {letter.Reason}\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static string ScratchRoot()
    {
        const string memory = "/dev/shm";
        if (OperatingSystem.IsLinux() && Directory.Exists(memory))
        {
            try
            {
                Directory.Delete(Directory.CreateDirectory(Path.Combine(memory, "hw-history-probe-" + Environment.ProcessId)).FullName);
                return memory;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not writable here: the temporary folder it is.
            }
        }

        return Path.GetTempPath();
    }

    private string Config(bool diffMode)
    {
        var destination = string.Join('\n', Service.Destination(_baseAddress).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => "    " + l));
        var mark = diffMode ? "" : "mark: updated_at, lookBack: 1m, ";
        return $$"""
            store:
              sqlite: buffer.db
            sources:
              users: { kind: sqlite, connection: app.db, table: users, key: id, {{mark}}columns: [email, first_name, country, plan], deleted: deleted }
            groups:
              paying: { rule: { property: plan, op: in, value: [pro, enterprise] } }
              trial: { rule: { property: plan, op: "=", value: trial } }
              enterprise: { rule: { property: plan, op: "=", value: enterprise } }
            destinations:
              {{Service.Name}}:
            {{destination}}

            """;
    }

    private async Task WriteAsync(SqliteConnection source, SourceUser? user, int id)
    {
        await using var command = source.CreateCommand();
        command.Parameters.AddWithValue("$id", id);
        if (user is null)
        {
            command.CommandText = "DELETE FROM users WHERE id = $id";
        }
        else
        {
            command.CommandText = """
                INSERT INTO users (id, email, first_name, country, plan, deleted, updated_at) VALUES ($id, $email, $first, $country, $plan, $deleted, $at)
                ON CONFLICT (id) DO UPDATE SET email = excluded.email, first_name = excluded.first_name, country = excluded.country, plan = excluded.plan, deleted = excluded.deleted, updated_at = excluded.updated_at
                """;
            command.Parameters.AddWithValue("$email", user.Email);
            command.Parameters.AddWithValue("$first", user.FirstName);
            command.Parameters.AddWithValue("$country", user.Country);
            command.Parameters.AddWithValue("$plan", user.Plan);
            command.Parameters.AddWithValue("$deleted", user.Deleted ? 1 : 0);
            command.Parameters.AddWithValue("$at", _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        }

        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(SqliteConnection source, string sql)
    {
        await using var command = source.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Whether the service holds the user's own record: under its current address, with its first name.</summary>
    private async Task<bool> HasRecordAsync(SourceUser? user) =>
        user is not null && (await _admin.StateAsync().ConfigureAwait(false)).Records.Any(r => string.Equals(r.Email, user.Email, StringComparison.OrdinalIgnoreCase)
            && r.Fields.TryGetValue(Service.FirstNameField, out var name) && name.ValueKind == System.Text.Json.JsonValueKind.String && name.GetString() == user.FirstName);

    /// <summary>Whether <paramref name="op"/> gives a CRM-only record's address to a user the service holds no record of (or brings such a user back).</summary>
    private async Task<bool> LandsUnexportedOnCrmAddressAsync(SourceModel model, History history, SourceOp op)
    {
        var crm = history.CrmOnly.Select(c => c.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        string? EmailOf(int id) => model.Find(id)?.Email;
        var moves = op.Kind switch
        {
            HistoryMix.TakeCrmAddress => [(op.Id, history.CrmOnly.FirstOrDefault(c => c.Index == op.Other)?.Email)],
            HistoryMix.TakeAddress => [(op.Id, EmailOf(op.Other))],
            HistoryMix.Swap => [(op.Id, EmailOf(op.Other)), (op.Other, EmailOf(op.Id))],
            HistoryMix.Chain => [(op.Id, EmailOf(op.Other)), (op.Other, EmailOf(op.Third))],
            HistoryMix.Duplicate => [(op.Id, EmailOf(op.Other))],

            // Deleted (its record with it) and back on a CRM-only address: a first export again.
            HistoryMix.Undelete => [(op.Id, EmailOf(op.Id))],
            _ => new List<(int Id, string? Email)>(),
        };
        foreach (var (id, email) in moves)
        {
            if (email is not null && crm.Contains(email) && !await HasRecordAsync(model.Find(id)).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(record |highwater-moving-)([0-9A-Za-z]+)")]
    private static partial System.Text.RegularExpressions.Regex RecordIdInText();
}
