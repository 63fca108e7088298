using Highwater.Core.Planning;

namespace Highwater.Core.Tests.Planning;

public class ListMaskTests
{
    private static ListMask Of(params int[] lists)
    {
        var mask = default(ListMask);
        foreach (var list in lists)
        {
            mask = mask.With(list);
        }

        return mask;
    }

    private static List<int> Indexes(ListMask mask)
    {
        var indexes = new List<int>();
        foreach (var list in mask)
        {
            indexes.Add(list);
        }

        return indexes;
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 0, 5, 63 })]
    [InlineData(new[] { 63, 64 })]
    [InlineData(new[] { 1, 64, 127, 128, 300 })]
    public void Mask_WithLists_EnumeratesThemAscendingAndCountsThem(int[] lists)
    {
        var mask = Of([.. lists.Reverse(), .. lists]);

        Assert.Equal(lists, Indexes(mask));
        Assert.Equal(lists.Length, mask.Count);
        Assert.Equal(lists.Length == 0, mask.IsEmpty);
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3 }, new[] { 2 }, new[] { 1, 3 })]
    [InlineData(new[] { 1, 70 }, new[] { 70 }, new[] { 1 })]
    [InlineData(new[] { 70, 200 }, new[] { 1, 70, 200 }, new int[0])]
    [InlineData(new[] { 70, 200 }, new[] { 200 }, new[] { 70 })]
    [InlineData(new[] { 3 }, new[] { 3, 500 }, new int[0])]
    public void Except_LeavesTheListsNotInTheOther(int[] lists, int[] other, int[] expected)
    {
        var difference = Of(lists).Except(Of(other));

        Assert.Equal(expected, Indexes(difference));
        Assert.Equal(expected.Length == 0, difference.IsEmpty);
        Assert.Equal(Of(expected), difference);
    }

    [Fact]
    public void Equality_ComparesTheLists_NotHowTheyWereBuilt()
    {
        Assert.Equal(Of(2, 100), Of(100, 2));
        Assert.Equal(Of(2, 100).GetHashCode(), Of(100, 2).GetHashCode());
        Assert.Equal(Of(2), Of(2, 100).Except(Of(100)));
        Assert.NotEqual(Of(2), Of(2, 100));
        Assert.NotEqual(Of(2, 100), Of(2));
        Assert.True(Of(64) != Of(65));
        Assert.True(default(ListMask) == Of(70).Except(Of(70)));
    }
}
