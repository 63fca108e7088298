using Highwater.Core.Planning;

namespace Highwater.Core.Tests.Planning;

public class FieldChangesTests
{
    private static FieldChanges Of(params (string Name, string? Value)[] fields)
    {
        var changes = new FieldChanges();
        foreach (var (name, value) in fields)
        {
            changes.Add(name, value);
        }

        return changes;
    }

    [Fact]
    public void Changes_ManyFields_KeepTheirOrderAndValues()
    {
        var fields = Enumerable.Range(0, 9).Select(i => ($"f{i}", i == 4 ? null : $"v{i}")).ToArray();

        var changes = Of(fields);

        Assert.Equal(9, changes.Count);
        Assert.Equal(fields.Select(f => new KeyValuePair<string, string?>(f.Item1, f.Item2)), changes);
        Assert.Equal(fields.Select(f => f.Item1), changes.Keys);
        Assert.Equal(fields.Select(f => f.Item2), changes.Values);
    }

    [Fact]
    public void Changes_LookUpByOrdinalName()
    {
        var changes = Of(("firstName", "Ada"), ("title", null));

        Assert.True(changes.TryGetValue("title", out var title));
        Assert.Null(title);
        Assert.Equal("Ada", changes["firstName"]);
        Assert.True(changes.ContainsKey("firstName"));
        Assert.False(changes.ContainsKey("FirstName"));
        Assert.False(changes.TryGetValue("city", out _));
        Assert.Throws<KeyNotFoundException>(() => changes["city"]);
    }
}
