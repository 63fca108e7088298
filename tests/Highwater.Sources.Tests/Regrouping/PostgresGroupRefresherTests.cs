using Highwater.Sources.Tests.TestDatabases;

namespace Highwater.Sources.Tests.Regrouping;

public sealed class PostgresGroupRefresherTests(PostgresTestDatabase database) : GroupRefresherTests<PostgresTestDatabase>(database)
{
    /// <summary>A schema of its own per test, in the class's database.</summary>
    protected override async Task<string> NewBufferAsync()
    {
        var schema = $"buffer_{Guid.NewGuid():N}"[..20];
        await Database.ExecuteAsync($"CREATE SCHEMA {schema}");
        return Database.With(builder => builder.SearchPath = schema);
    }
}
