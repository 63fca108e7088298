using System.Globalization;
using Highwater.Core.Groups;
using Highwater.Core.Profiles;
using Highwater.Sources.Polling;
using Highwater.Sources.Reading;
using Highwater.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Sources.Tests.Polling;

/// <summary>A real SQLite source table and a real SQLite buffer in a temp folder, with a fake clock.</summary>
internal sealed class PollerFixture : IAsyncDisposable
{
    public static readonly DateTime T0 = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    private readonly string _folder = Directory.CreateTempSubdirectory("hw-poller-").FullName;

    private PollerFixture()
    {
        SourcePath = Path.Combine(_folder, "app.db");
        Store = BufferStoreFactory.Create(Path.Combine(_folder, "buffer.db"), Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(T0));

    public string SourcePath { get; }

    public IBufferStore Store { get; }

    public static readonly DestinationScope Marketo = new("marketo", new HashSet<string> { "email", "first_name" }, new HashSet<string> { "pro" });

    public static readonly DestinationScope Salesforce = new("salesforce", new HashSet<string> { "email", "plan" }, new HashSet<string>());

    public static async Task<PollerFixture> CreateAsync()
    {
        var fixture = new PollerFixture();
        await fixture.Store.MigrateAsync(CancellationToken.None);
        await fixture.ExecuteAsync("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, first_name TEXT, plan TEXT, last_login TEXT, deleted INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL)");
        return fixture;
    }

    public SourceDefinition Users(string? lookBack = null, int pageSize = 100) => new()
    {
        Name = "users",
        Kind = SourceKind.Sqlite,
        Connection = $"Data Source={SourcePath}",
        Table = "users",
        KeyColumn = "id",
        MarkColumn = "updated_at",
        DeletedColumn = "deleted",
        LookBack = lookBack,
        PageSize = pageSize,
    };

    public SourcePoller Poller(SourceDefinition source, params DestinationScope[] destinations) => Poller(source, NullLogger<SourcePoller>.Instance, destinations);

    public SourcePoller Poller(SourceDefinition source, ILogger<SourcePoller> logger, params DestinationScope[] destinations)
    {
        var groups = new GroupEvaluator([new GroupDefinition { Name = "pro", Rule = new Comparison("plan", ComparisonOperator.Equal, "pro") }], Time);
        return new SourcePoller(
            SourceReaderFactory.Create(source),
            Store,
            new ProfileMerger(groups),
            destinations.Length == 0 ? [Marketo, Salesforce] : destinations,
            Time,
            logger);
    }

    public Task UpsertUserAsync(int id, string firstName, DateTime updatedAt, string plan = "free", string lastLogin = "", bool deleted = false) =>
        ExecuteAsync(
            "INSERT INTO users (id, email, first_name, plan, last_login, deleted, updated_at) VALUES ($id, $email, $first, $plan, $login, $deleted, $at) " +
            "ON CONFLICT (id) DO UPDATE SET email = excluded.email, first_name = excluded.first_name, plan = excluded.plan, last_login = excluded.last_login, deleted = excluded.deleted, updated_at = excluded.updated_at",
            ("$id", id), ("$email", $"u{id}@example.com"), ("$first", firstName), ("$plan", plan), ("$login", lastLogin), ("$deleted", deleted ? 1 : 0), ("$at", Iso(updatedAt)));

    public static string Iso(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={SourcePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
