using Highwater.Sources.Tests.TestDatabases;

namespace Highwater.Sources.Tests.Regrouping;

public sealed class SqliteGroupRefresherTests(SqliteTestDatabase database) : GroupRefresherTests<SqliteTestDatabase>(database)
{
    private string _path = string.Empty;

    /// <summary>A buffer file of its own per test, next to the class's database file.</summary>
    protected override Task<string> NewBufferAsync()
    {
        _path = Path.Combine(Path.GetDirectoryName(Database.FilePath)!, $"hw_buffer_{Guid.NewGuid():N}.db");
        return Task.FromResult(_path);
    }

    protected override Task DropBufferAsync()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }
}
