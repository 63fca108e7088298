using System.Data.Common;
using System.Globalization;
using Highwater.Sources.Reading;
using Microsoft.Data.Sqlite;

namespace Highwater.Sources.Tests.TestDatabases;

/// <summary>A SQLite file in the temp folder.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private string _path = string.Empty;

    public override SourceKind Kind => SourceKind.Sqlite;

    public override string UnreachableConnectionString => $"Data Source={Path.Combine(Path.GetTempPath(), NewName(), "missing.db")}";

    public string FilePath => _path;

    public override string TextType => "TEXT";

    public override string IntType => "INTEGER";

    public override string BigIntType => "INTEGER";

    public override string TimestampType => "TEXT";

    public override string BoolType => "BOOLEAN";

    public override string DoubleType => "REAL";

    public override string BlobType => "BLOB";

    public override string Quote(string identifier) => $"\"{identifier}\"";

    public override string Qualified(string table) => $"main.{table}";

    /// <summary>SQLite keeps timestamps as ISO 8601 text.</summary>
    public override object Timestamp(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    public override DbConnection CreateConnection() =>
        new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());

    protected override Task CreateAsync(string? server)
    {
        _path = Path.Combine(Path.GetTempPath(), $"{NewName()}.db");
        ConnectionString = $"Data Source={_path}";
        return Task.CompletedTask;
    }

    protected override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }
}
