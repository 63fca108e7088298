using Npgsql;

namespace Highwater.Storage.Tests.Postgres;

/// <summary>
/// Fresh databases (hw_&lt;random&gt;) on the server HIGHWATER_TEST_POSTGRES names, dropped with the
/// test class. Without the variable it creates nothing, and the tests say what to do.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    public const string Variable = "HIGHWATER_TEST_POSTGRES";

    private readonly string? _server = Environment.GetEnvironmentVariable(Variable);
    private readonly List<string> _databases = [];

    public bool Configured => !string.IsNullOrWhiteSpace(_server);

    public string? Shared { get; private set; }

    public async Task InitializeAsync()
    {
        if (Configured)
        {
            Shared = await NewDatabaseAsync();
        }
    }

    public async Task<string> NewDatabaseAsync()
    {
        var name = $"hw_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await create.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(_server) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (!Configured)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE);", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
