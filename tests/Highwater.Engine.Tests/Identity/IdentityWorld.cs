using System.Globalization;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Simulators.Eloqua;
using Highwater.Simulators.Marketo;
using Highwater.Simulators.Pardot;
using Highwater.Simulators.Salesforce;
using Highwater.Storage;
using Highwater.Storage.DeadLetters;
using Microsoft.Data.Sqlite;

namespace Highwater.Engine.Tests.Identity;

/// <summary>One remote record as a test reads it: the service's id, e-mail, first name, country and mapped lists.</summary>
internal sealed record Remote(string Id, string? Email, string? FirstName, string? Country, string Lists, string? Company)
{
    public Remote(string id, string? email, string? firstName, string? country, IEnumerable<string> lists, string? company)
        : this(id, email, firstName, country, string.Join(",", lists.Order(StringComparer.Ordinal)), company)
    {
    }
}

/// <summary>
/// A users table exported to one service's simulator on 127.0.0.1, with the users sample of the
/// identity issue: <c>users(id, email, first_name, country, plan, deleted, updated_at)</c>, groups on
/// <c>plan</c> mapped to the lists "Paying" and "Trial". Each sync opens the engine afresh, as a
/// <c>highwater sync</c> run would.
/// </summary>
internal sealed class IdentityWorld : IAsyncDisposable
{
    private readonly string _folder;
    private readonly IAsyncDisposable _simulator;
    private readonly Func<IReadOnlyList<Remote>> _records;
    private readonly Action<string, string, IReadOnlyList<string>> _seedCrmOnly;
    private readonly Func<string?, string?> _environment;
    private readonly string _config;
    private readonly ShiftedClock _time = new();
    private int _tick;

    private IdentityWorld(string service, string folder, IAsyncDisposable simulator, string destination, Func<string?, string?> environment, Func<IReadOnlyList<Remote>> records, Action<string, string, IReadOnlyList<string>> seedCrmOnly)
    {
        Service = service;
        _folder = folder;
        _simulator = simulator;
        _environment = environment;
        _records = records;
        _seedCrmOnly = seedCrmOnly;
        _config = $$"""
            store:
              sqlite: buffer.db
            sources:
              users:
                kind: sqlite
                connection: app.db
                table: users
                key: id
                mark: updated_at
                columns: [email, first_name, country, plan]
                deleted: deleted
                lookBack: 1m
              extras:
                kind: sqlite
                connection: app.db
                table: extras
                key: user_id
                columns: [company]
                deleted: deleted
                role: enrich
            groups:
              paying: { rule: { property: plan, op: in, value: [pro, enterprise] } }
              trial: { rule: { property: plan, op: "=", value: trial } }
            destinations:
            {{destination}}
            """;
    }

    public string Service { get; }

    /// <summary>Whether the service answers the ids of the records Highwater writes (Pardot's batch writes and Eloqua's bulk imports do not), so a conflict can name the record.</summary>
    public bool KnowsIds => Service is "marketo" or "salesforce";

    public static IEnumerable<object[]> Services => [["marketo"], ["salesforce"], ["pardot"], ["eloqua"]];

    public static async Task<IdentityWorld> CreateAsync(string service)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hw-identity-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        IdentityWorld world;
        switch (service)
        {
            case "marketo":
            {
                var options = new MarketoSimulatorOptions();
                var sim = await MarketoSimulator.StartAsync(options);
                world = new IdentityWorld(service, folder, sim, $$"""
                      crm:
                        kind: marketo
                        baseUrl: {{sim.BaseAddress}}
                        credentials: { clientId: "${ID}", clientSecret: "${SECRET}" }
                        foreignKey: email
                        fields: { email: email, firstName: first_name, country: country, company: company }
                        listFolder: 12
                      {{Lists}}
                    """, name => name switch { "ID" => options.ClientId, "SECRET" => options.ClientSecret, _ => null },
                    () => [.. sim.GetState().Records.Select(r => new Remote(r.Id!, r.Email, r.Fields?.GetValueOrDefault("firstName"), r.Fields?.GetValueOrDefault("country"), r.Lists ?? [], r.Fields?.GetValueOrDefault("company")))],
                    (email, name, lists) => sim.Seed(new MarketoSeed(lists, [new MarketoSimRecord(null, email, new Dictionary<string, string?> { ["firstName"] = name }, lists)])));
                break;
            }

            case "salesforce":
            {
                var options = new SalesforceSimulatorOptions();
                var sim = await SalesforceSimulator.StartAsync(options);
                world = new IdentityWorld(service, folder, sim, $$"""
                      crm:
                        kind: salesforce
                        baseUrl: {{sim.BaseAddress}}
                        credentials: { clientId: "${ID}", clientSecret: "${SECRET}" }
                        foreignKey: email
                        fields: { Email: email, FirstName: first_name, LastName: first_name, MailingCountry: country, Department: company }
                      {{Lists}}
                    """, name => name switch { "ID" => options.ClientId, "SECRET" => options.ClientSecret, _ => null },
                    () => [.. sim.GetState().Records.Select(r => new Remote(r.Id, r.Email, r.Fields.GetValueOrDefault("FirstName"), r.Fields.GetValueOrDefault("MailingCountry"), r.Lists, r.Fields.GetValueOrDefault("Department")))],
                    (email, name, lists) => sim.Seed(new SalesforceSeed { Lists = lists, Records = [new SalesforceSeedRecord { Email = email, Fields = new Dictionary<string, string?> { ["FirstName"] = name, ["LastName"] = name }, Lists = lists }] }));
                break;
            }

            case "pardot":
            {
                var options = new PardotSimulatorOptions();
                var sim = await PardotSimulator.StartAsync(options);
                world = new IdentityWorld(service, folder, sim, $$"""
                      crm:
                        kind: pardot
                        baseUrl: {{sim.BaseAddress}}
                        loginUrl: {{sim.BaseAddress}}
                        credentials: { clientId: "${ID}", clientSecret: "${SECRET}", businessUnitId: "${BU}" }
                        foreignKey: email
                        fields: { email: email, first_name: first_name, country: country, company: company }
                        batchSize: 50
                      {{Lists}}
                    """, name => name switch { "ID" => options.ClientId, "SECRET" => options.ClientSecret, "BU" => options.BusinessUnitId, _ => null },
                    () => [.. sim.GetState().Records.Select(r => new Remote(r.Id!, r.Email, r.Fields?.GetValueOrDefault("first_name"), r.Fields?.GetValueOrDefault("country"), r.Lists ?? [], r.Fields?.GetValueOrDefault("company")))],
                    (email, name, lists) => sim.Seed(new PardotSeed(lists, [new PardotSimRecord(null, email, new Dictionary<string, string?> { ["first_name"] = name }, lists)])));
                break;
            }

            default:
            {
                var options = new EloquaSimulatorOptions();
                var sim = await EloquaSimulator.StartAsync(options);
                world = new IdentityWorld(service, folder, sim, $$"""
                      crm:
                        kind: eloqua
                        baseUrl: {{sim.BaseAddress}}
                        credentials: { company: "${COMPANY}", username: "${USER}", password: "${PASSWORD}" }
                        foreignKey: email
                        fields: { emailAddress: email, firstName: first_name, country: country, accountName: company }
                      {{Lists}}
                    """, name => name switch { "COMPANY" => options.Company, "USER" => options.Username, "PASSWORD" => options.Password, _ => null },
                    () => [.. sim.GetState().Records.Select(r => new Remote(r.Id, r.Email, r.Fields.GetValueOrDefault("firstName"), r.Fields.GetValueOrDefault("country"), r.Lists, r.Fields.GetValueOrDefault("accountName")))],
                    (email, name, lists) => sim.Seed(new EloquaSeed { Lists = lists, Records = [new EloquaSeedRecord { Email = email, Fields = new Dictionary<string, string?> { ["firstName"] = name }, Lists = lists }] }));
                break;
            }
        }

        await world.ExecuteAsync("""
            CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, first_name TEXT, country TEXT, plan TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL);
            CREATE TABLE extras (user_id INTEGER PRIMARY KEY, company TEXT, deleted INTEGER NOT NULL DEFAULT 0);
            """);
        return world;
    }

    private const string Lists = "  lists: { paying: Paying, trial: Trial }";

    /// <summary>Inserts or replaces a user; every write gets a later mark.</summary>
    public Task UserAsync(int id, string? email, string firstName, string plan = "pro", string country = "NL", bool deleted = false) =>
        ExecuteAsync(
            "INSERT OR REPLACE INTO users (id, email, first_name, country, plan, deleted, updated_at) VALUES ($id, $email, $first, $country, $plan, $deleted, $at)",
            ("$id", id), ("$email", email), ("$first", firstName), ("$country", country), ("$plan", plan), ("$deleted", deleted ? 1 : 0), ("$at", Stamp()));

    /// <summary>Changes one user's e-mail.</summary>
    public Task EmailAsync(int id, string email) =>
        ExecuteAsync("UPDATE users SET email = $email, updated_at = $at WHERE id = $id", ("$id", id), ("$email", email), ("$at", Stamp()));

    /// <summary>Soft-deletes one user.</summary>
    public Task DeleteAsync(int id) =>
        ExecuteAsync("UPDATE users SET deleted = 1, updated_at = $at WHERE id = $id", ("$id", id), ("$at", Stamp()));

    /// <summary>Sets a user's row in the enrich source <c>extras(user_id, company)</c>, read in diff mode.</summary>
    public Task CompanyAsync(int id, string company) =>
        ExecuteAsync("INSERT OR REPLACE INTO extras (user_id, company) VALUES ($id, $company)", ("$id", id), ("$company", company));

    /// <summary>Removes a user's row from the enrich source.</summary>
    public Task RemoveCompanyAsync(int id) =>
        ExecuteAsync("DELETE FROM extras WHERE user_id = $id", ("$id", id));

    /// <summary>Undeletes one user.</summary>
    public Task UndeleteAsync(int id) =>
        ExecuteAsync("UPDATE users SET deleted = 0, updated_at = $at WHERE id = $id", ("$id", id), ("$at", Stamp()));

    /// <summary>A record that exists only in the service: a person Highwater never exported.</summary>
    public void SeedCrmOnly(string email, string firstName, params string[] lists) => _seedCrmOnly(email, firstName, lists);

    /// <summary>What the service holds now.</summary>
    public IReadOnlyList<Remote> Records() => _records();

    /// <summary>The one record under <paramref name="email"/>; fails naming what is there otherwise.</summary>
    public Remote Only(string email)
    {
        var all = Records();
        var matching = all.Where(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(matching.Count == 1, $"{Service}: {matching.Count} records under {email}; the service holds: {Describe(all)}");
        return matching[0];
    }

    public static string Describe(IEnumerable<Remote> records) =>
        string.Join("; ", records.Select(r => $"{r.Id} {r.Email} {r.FirstName} [{r.Lists}]"));

    /// <summary>
    /// One `highwater sync`: opens the engine, polls and exports everything due, closes. Through
    /// <paramref name="handler"/> when given (faults); a failed call is not retried within the sync,
    /// and its profile waits out its backoff on the engine's clock (see <see cref="Later"/>).
    /// </summary>
    public async Task<SyncReport> SyncAsync(DelegatingHandler? handler = null, CancellationToken cancellationToken = default)
    {
        var loaded = ConfigLoader.Load(await ConfigPathAsync());
        Assert.Empty(loaded.Problems);
        var options = new EngineOptions
        {
            Environment = _environment,
            Worker = "test-" + _folder,
            Time = _time,
            Executor = new() { MaxRetries = 0 },
            HttpClientFactory = handler is null ? null : _ => new HttpClient(handler, disposeHandler: false),
        };
        await using var engine = await HighwaterEngine.OpenAsync(loaded.Config!, options, CancellationToken.None);
        var sync = engine.SyncOnceAsync(null, null, cancellationToken);
        try
        {
            return await sync.WaitAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Service}: a sync did not finish within 2 minutes of real time; the engine waits on its clock (now {_time.GetUtcNow():O})");
        }
    }

    /// <summary>Moves the engine's clock on: backoffs and holds that end within <paramref name="by"/> are over.</summary>
    public void Later(TimeSpan by) => _time.Later(by);

    /// <summary>The dead letters of the destination, oldest first.</summary>
    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync()
    {
        await using var store = BufferStoreFactory.Create(Path.Combine(_folder, "buffer.db"), TimeProvider.System);
        await store.MigrateAsync(CancellationToken.None);
        return await store.DeadLetters.ListAsync(new DeadLetterFilter("crm"), 100, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _simulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp folder.
        }
    }

    private async Task<string> ConfigPathAsync()
    {
        var path = Path.Combine(_folder, "highwater.yaml");
        if (!File.Exists(path))
        {
            await File.WriteAllTextAsync(path, _config);
        }

        return path;
    }

    private string Stamp() => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(++_tick).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "app.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
