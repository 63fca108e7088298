using Highwater.Sources.Reading;
using Highwater.Sources.Reading.Csv;
using Highwater.Sources.Reading.Sql;

namespace Highwater.Sources.Tests.Reading.Validation;

public sealed class SourceReaderFactoryTests
{
    private static SourceDefinition Good(SourceKind kind = SourceKind.Postgres) => new()
    {
        Name = "crm_users",
        Kind = kind,
        Connection = kind switch
        {
            SourceKind.Sqlite => "Data Source=crm.db",
            SourceKind.MySql => "Server=127.0.0.1;User ID=crm",
            SourceKind.Csv => "users.csv",
            _ => "Host=127.0.0.1;Username=crm",
        },
        Table = kind == SourceKind.Csv ? null : "users",
        KeyColumn = "user_id",
        MarkColumn = kind == SourceKind.Csv ? null : "updated_at",
    };

    private static IReadOnlyList<string> Problems(SourceDefinition definition) => SourceReaderFactory.Validate(definition);

    [Theory]
    [InlineData(SourceKind.Sqlite, typeof(SqlSourceReader))]
    [InlineData(SourceKind.Postgres, typeof(SqlSourceReader))]
    [InlineData(SourceKind.MySql, typeof(SqlSourceReader))]
    [InlineData(SourceKind.Csv, typeof(CsvSourceReader))]
    public void Create_GoodDefinition_MakesTheKindsReader(SourceKind kind, Type readerType)
    {
        var definition = Good(kind);

        var reader = SourceReaderFactory.Create(definition);

        Assert.IsType(readerType, reader);
        Assert.Same(definition, reader.Definition);
    }

    [Fact]
    public void Create_ManyProblems_ReportsThemAllAtOnce()
    {
        var definition = Good() with
        {
            KeyColumn = "user id",
            MarkColumn = "1st",
            PropertyColumns = ["email", "first-name", "email"],
            DeletedColumn = "gone?",
            PageSize = 0,
        };

        var e = Assert.Throws<SourceException>(() => SourceReaderFactory.Create(definition));

        Assert.Equal(
            [
                "sources.crm_users.keyColumn: 'user id' is not a valid identifier",
                "sources.crm_users.markColumn: '1st' is not a valid identifier",
                "sources.crm_users.deletedColumn: 'gone?' is not a valid identifier",
                "sources.crm_users.propertyColumns[1]: 'first-name' is not a valid identifier",
                "sources.crm_users.propertyColumns[2]: 'email' is listed twice",
                "sources.crm_users.pageSize: must be 1..1000000 (was 0)",
            ],
            e.Message.Split('\n'));
    }

    [Theory]
    [InlineData("users; DROP TABLE x")]
    [InlineData("users\"")]
    [InlineData("users`")]
    [InlineData("a.b.c")]
    [InlineData(".users")]
    [InlineData("crm.")]
    [InlineData("")]
    [InlineData("usérs")]
    [InlineData("x234567890123456789012345678901234567890123456789012345678901234")]
    public void Validate_BadTableName_IsNotAValidIdentifier(string table)
    {
        Assert.Equal([$"sources.crm_users.table: '{table}' is not a valid identifier"], Problems(Good() with { Table = table }));
    }

    [Theory]
    [InlineData("users")]
    [InlineData("crm.users")]
    [InlineData("_Users_2")]
    [InlineData("x23456789012345678901234567890123456789012345678901234567890123")]
    public void Validate_GoodTableName_Passes(string table)
    {
        Assert.Empty(Problems(Good() with { Table = table }));
    }

    [Fact]
    public void Validate_TableAndQuery_AreExclusive()
    {
        Assert.Equal(["sources.crm_users.table: give either table or query, not both"], Problems(Good() with { Query = "SELECT 1" }));
        Assert.Equal(["sources.crm_users.table: required (or query)"], Problems(Good() with { Table = null }));
        Assert.Equal(["sources.crm_users.query: empty"], Problems(Good() with { Table = null, Query = " ; " }));
        Assert.Empty(Problems(Good() with { Table = null, Query = "SELECT * FROM users" }));
    }

    [Fact]
    public void Validate_MissingBasics_AreEachNamed()
    {
        var definition = new SourceDefinition { Name = " ", Kind = SourceKind.MySql, Connection = "", Table = "users", KeyColumn = "" };

        Assert.Equal(
            ["sources.?.name: required", "sources.?.connection: required", "sources.?.keyColumn: required"],
            Problems(definition));
    }

    [Theory]
    [InlineData(SourceKind.Postgres, "Host=127.0.0.1;Colour=blue", "sources.crm_users.connection: not a valid PostgreSQL connection string")]
    [InlineData(SourceKind.Postgres, "Username=crm", "sources.crm_users.connection: names no Host")]
    [InlineData(SourceKind.MySql, "Server=127.0.0.1;Colour=blue", "sources.crm_users.connection: not a valid MySQL connection string")]
    [InlineData(SourceKind.Sqlite, "crm.db", "sources.crm_users.connection: not a valid SQLite connection string")]
    public void Validate_BadConnectionString_IsReportedWithoutRepeatingIt(SourceKind kind, string connection, string expected)
    {
        var problem = Assert.Single(Problems(Good(kind) with { Connection = connection + ";Password=secret" }));

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CsvWithDatabaseSettings_SaysWhatDoesNotApply()
    {
        var definition = Good(SourceKind.Csv) with { Table = "users", MarkColumn = "updated_at", LookBack = "00:05:00" };

        Assert.Equal(
            [
                "sources.crm_users.table: not used by CSV sources (connection is the file's path)",
                "sources.crm_users.markColumn: CSV sources have no mark column (they are read whole and compared by content)",
                "sources.crm_users.lookBack: only for sources with a markColumn",
            ],
            Problems(definition));
    }

    [Fact]
    public void Validate_CsvColumnNames_NeedNotBeSqlIdentifiers()
    {
        Assert.Empty(Problems(Good(SourceKind.Csv) with { KeyColumn = "User ID", PropertyColumns = ["E-mail"] }));
    }

    [Theory]
    [InlineData(MarkKind.Timestamp, "00:05:00", null)]
    [InlineData(MarkKind.Timestamp, "1.00:00:00", null)]
    [InlineData(MarkKind.Timestamp, "5 minutes", "'5 minutes' is not a duration (90s, 5m, 2h, 1d, or hh:mm:ss)")]
    [InlineData(MarkKind.Timestamp, "-00:05:00", "'-00:05:00' is not a duration (90s, 5m, 2h, 1d, or hh:mm:ss)")]
    [InlineData(MarkKind.Integer, "100", null)]
    [InlineData(MarkKind.Integer, "-1", "'-1' is not a count (a whole number, 0 or more)")]
    [InlineData(MarkKind.Integer, "00:05:00", "'00:05:00' is not a count (a whole number, 0 or more)")]
    public void Validate_LookBack_MatchesTheMarkKind(MarkKind kind, string lookBack, string? problem)
    {
        var problems = Problems(Good() with { MarkKind = kind, LookBack = lookBack });

        Assert.Equal(problem is null ? [] : [$"sources.crm_users.lookBack: {problem}"], problems);
    }

    [Fact]
    public void Validate_ConflictingSettings_AreReported()
    {
        var definition = Good() with { MarkColumn = "USER_ID", DeletedColumn = "deleted", IsDeletions = true };

        Assert.Equal(
            [
                "sources.crm_users.markColumn: must not be the key column",
                "sources.crm_users.isDeletions: a deletions source marks every row deleted; give deletedColumn or isDeletions, not both",
            ],
            Problems(definition));
    }

    [Fact]
    public void Validate_UnknownKinds_AreReported()
    {
        Assert.Equal(["sources.crm_users.kind: unknown kind (42)"], Problems(Good() with { Kind = (SourceKind)42 }));
        Assert.Equal(["sources.crm_users.markKind: unknown mark kind (9)"], Problems(Good() with { MarkKind = (MarkKind)9 }));
    }
}
