using Highwater.Storage.Postgres;
using Highwater.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Storage.Tests;

public sealed class BufferStoreFactoryTests
{
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData("buffer.db")]
    [InlineData("/var/lib/highwater/buffer.db")]
    [InlineData("Data Source=buffer.db")]
    [InlineData("Data Source=buffer.db;Cache=Shared")]
    [InlineData("Filename=buffer.db")]
    public async Task Create_PathOrSqliteString_OpensSqlite(string connectionString)
    {
        await using var store = BufferStoreFactory.Create(connectionString, _time);

        Assert.IsType<SqliteBufferStore>(store);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=highwater;Username=highwater")]
    [InlineData("host=db.internal;port=5433;database=buffer")]
    public async Task Create_PostgresString_OpensPostgres(string connectionString)
    {
        await using var store = BufferStoreFactory.Create(connectionString, _time);

        Assert.IsType<PostgresBufferStore>(store);
    }

    [Theory]
    [InlineData("Server=127.0.0.1;Database=highwater")]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=buffer.db;Mode=Memory")]
    [InlineData("Host=a;=b")]
    public void Create_AnythingElse_SaysWhatItTakes(string connectionString)
    {
        Assert.Throws<ArgumentException>(() => BufferStoreFactory.Create(connectionString, _time));
    }
}
