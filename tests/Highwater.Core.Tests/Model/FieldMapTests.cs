using Highwater.Core.Model;

namespace Highwater.Core.Tests.Model;

public class FieldMapTests
{
    private static readonly FieldLayout Layout = new(["email", "firstName", "city"]);

    [Fact]
    public void FieldMap_WrongNumberOfValues_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new FieldMap(Layout, ["a@example.com", "Ada"]));
        Assert.Contains("3 names but 2 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldMap_ReadsAsADictionary_EveryNamePresent_NullsKept_InLayoutOrder()
    {
        IReadOnlyDictionary<string, string?> map = new FieldMap(Layout, ["a@example.com", null, "Lyon"]);

        Assert.Equal(3, map.Count);
        Assert.True(map.ContainsKey("firstName"));
        Assert.True(map.TryGetValue("firstName", out var first));
        Assert.Null(first);
        Assert.Equal("Lyon", map["city"]);
        Assert.False(map.ContainsKey("title"));
        Assert.False(map.TryGetValue("title", out _));
        Assert.Throws<KeyNotFoundException>(() => map["title"]);
        Assert.Equal(["email", "firstName", "city"], map.Keys);
        Assert.Equal(["a@example.com", null, "Lyon"], map.Values);
        Assert.Equal(
            [new("email", "a@example.com"), new("firstName", null), new("city", "Lyon")],
            map.ToList<KeyValuePair<string, string?>>());
    }

    [Fact]
    public void FieldMap_CopiesTheValuesItIsGiven()
    {
        string?[] values = ["a@example.com", "Ada", "Lyon"];
        var map = new FieldMap(Layout, values);

        values[1] = "Grace";

        Assert.Equal("Ada", map["firstName"]);
    }
}
