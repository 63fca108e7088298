using Highwater.Sources.Reading;
using Highwater.Sources.Reading.Columns;
using Highwater.Sources.Reading.Sql;

namespace Highwater.Sources.Tests.Reading.Sql;

/// <summary>The SQL each dialect writes, spelt out: what a reviewer (or a DBA) would want to see.</summary>
public sealed class SqlQueryBuilderTests
{
    private static readonly ColumnMap Columns = new("user_id", "updated_at", "deleted", [new PropertyColumn("email", "email")]);

    private static SqlQueryBuilder Builder(SourceKind kind, string? table = "crm.users", string? query = null, MarkKind markKind = MarkKind.Timestamp) =>
        new(SqlDialect.For(kind), new SourceDefinition
        {
            Name = "crm_users",
            Kind = kind,
            Connection = "-",
            Table = table,
            Query = query,
            KeyColumn = "user_id",
            MarkColumn = "updated_at",
            MarkKind = markKind,
        });

    [Fact]
    public void Page_Postgres_UsesARowValueComparison()
    {
        Assert.Equal(
            "SELECT src.\"user_id\", src.\"updated_at\", src.\"deleted\", src.\"email\" FROM \"crm\".\"users\" AS src " +
            "WHERE src.\"updated_at\" IS NOT NULL AND src.\"user_id\" IS NOT NULL AND src.\"updated_at\" >= @mark AND (src.\"updated_at\", src.\"user_id\") > (@mark, @key) " +
            "ORDER BY src.\"updated_at\", src.\"user_id\" LIMIT @limit",
            Builder(SourceKind.Postgres).Page(Columns, after: true));
    }

    [Fact]
    public void Page_MySql_SpellsTheKeysetOut()
    {
        Assert.Equal(
            "SELECT src.`user_id`, src.`updated_at`, src.`deleted`, src.`email` FROM `crm`.`users` AS src " +
            "WHERE src.`updated_at` IS NOT NULL AND src.`user_id` IS NOT NULL AND src.`updated_at` >= @mark " +
            "AND (src.`updated_at` > @mark OR (src.`updated_at` = @mark AND src.`user_id` > @key)) " +
            "ORDER BY src.`updated_at`, src.`user_id` LIMIT @limit",
            Builder(SourceKind.MySql).Page(Columns, after: true));
    }

    [Fact]
    public void Page_SqliteTimestamps_CompareInOneNormalFormAboveAnIndexFriendlyFloor()
    {
        const string mark = "strftime('%Y-%m-%dT%H:%M:%fZ', src.\"updated_at\")";
        Assert.Equal(
            $"SELECT src.\"user_id\", {mark}, src.\"deleted\", src.\"email\" FROM \"crm\".\"users\" AS src " +
            $"WHERE {mark} IS NOT NULL AND src.\"user_id\" IS NOT NULL AND src.\"updated_at\" >= @floor AND {mark} >= @mark AND ({mark}, src.\"user_id\") > (@mark, @key) " +
            $"ORDER BY {mark}, src.\"user_id\" LIMIT @limit",
            Builder(SourceKind.Sqlite).Page(Columns, after: true));
    }

    [Fact]
    public void Page_SqliteIntegers_CompareTheColumn()
    {
        Assert.Equal(
            "SELECT src.\"user_id\", src.\"updated_at\", src.\"deleted\", src.\"email\" FROM \"crm\".\"users\" AS src " +
            "WHERE src.\"updated_at\" IS NOT NULL AND src.\"user_id\" IS NOT NULL AND src.\"updated_at\" >= @mark AND (src.\"updated_at\", src.\"user_id\") > (@mark, @key) " +
            "ORDER BY src.\"updated_at\", src.\"user_id\" LIMIT @limit",
            Builder(SourceKind.Sqlite, markKind: MarkKind.Integer).Page(Columns, after: true));
    }

    [Fact]
    public void Page_FromTheStart_HasNoKeysetCondition()
    {
        Assert.Equal(
            "SELECT src.\"user_id\", src.\"updated_at\", src.\"deleted\", src.\"email\" FROM \"crm\".\"users\" AS src " +
            "WHERE src.\"updated_at\" IS NOT NULL AND src.\"user_id\" IS NOT NULL ORDER BY src.\"updated_at\", src.\"user_id\" LIMIT @limit",
            Builder(SourceKind.Postgres).Page(Columns, after: false));
    }

    [Fact]
    public void Query_IsASubqueryWithoutItsSemicolon()
    {
        var builder = Builder(SourceKind.Postgres, table: null, query: "  SELECT * FROM users WHERE active ;\n");

        Assert.Equal("(SELECT * FROM users WHERE active) AS src", builder.From);
        Assert.Equal("SELECT * FROM (SELECT * FROM users WHERE active) AS src LIMIT 0", builder.Probe());
    }

    [Fact]
    public void All_OrdersByKey()
    {
        Assert.Equal(
            "SELECT src.`user_id`, src.`updated_at`, src.`deleted`, src.`email` FROM `users` AS src WHERE src.`user_id` IS NOT NULL ORDER BY src.`user_id`",
            Builder(SourceKind.MySql, table: "users").All(Columns));
    }
}
