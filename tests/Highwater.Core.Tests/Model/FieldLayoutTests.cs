using Highwater.Core.Model;

namespace Highwater.Core.Tests.Model;

public class FieldLayoutTests
{
    private static readonly FieldLayout Layout = new(["email", "firstName", "city"]);

    [Fact]
    public void FieldLayout_DuplicateName_IsRefusedNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new FieldLayout(["email", "city", "email"]));
        Assert.Contains("'email' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IndexOf_KnowsEachNameOnlyByItsExactSpelling()
    {
        Assert.Equal(1, Layout.IndexOf("firstName"));
        Assert.Equal(-1, Layout.IndexOf("firstname"));
        Assert.Equal(["email", "firstName", "city"], Layout.Names);
    }

    [Fact]
    public void SameAs_HoldsForEqualNamesInOrder_NotForAnotherOrder()
    {
        Assert.True(Layout.SameAs(new FieldLayout(["email", "firstName", "city"])));
        Assert.False(Layout.SameAs(new FieldLayout(["email", "city", "firstName"])));
        Assert.False(Layout.SameAs(new FieldLayout(["email", "firstName"])));
    }

    [Fact]
    public void Adopt_ExactlyTheLayoutsNames_GivesAMapOnTheLayoutWithTheSameValues()
    {
        var stored = new Dictionary<string, string?> { ["city"] = "Lyon", ["email"] = "a@example.com", ["firstName"] = null };

        var adopted = Assert.IsType<FieldMap>(Layout.Adopt(stored));

        Assert.Same(Layout, adopted.Layout);
        Assert.Equal(new string?[] { "a@example.com", null, "Lyon" }, adopted.Values.ToArray().AsEnumerable());
    }

    [Theory]
    [InlineData("email,firstName")] // one missing: missing is not null, so the map keeps its shape
    [InlineData("email,firstName,city,title")] // one more than the layout
    [InlineData("email,firstName,country")] // as many, but not the same names
    public void Adopt_OtherNames_KeepsTheMapAsItIs(string names)
    {
        var stored = names.Split(',').ToDictionary(name => name, string? (name) => name.ToUpperInvariant());

        Assert.Same(stored, Layout.Adopt(stored));
    }
}
