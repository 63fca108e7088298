using Microsoft.Data.Sqlite;

namespace Highwater.Storage.Tests.Sqlite;

/// <summary>Database files in a temporary folder of their own, deleted with the test class.</summary>
public sealed class SqliteDatabaseFixture : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"highwater-tests-{Guid.NewGuid():N}");
    private int _files;

    public SqliteDatabaseFixture()
    {
        Directory.CreateDirectory(_folder);
        Shared = NewDatabase();
    }

    public string Shared { get; }

    public string NewDatabase() => $"Data Source={Path.Combine(_folder, $"buffer-{Interlocked.Increment(ref _files)}.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
