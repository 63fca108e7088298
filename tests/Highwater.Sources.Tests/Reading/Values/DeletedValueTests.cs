using Highwater.Sources.Reading.Values;

namespace Highwater.Sources.Tests.Reading.Values;

public sealed class DeletedValueTests
{
    public static TheoryData<object?, bool> Values => new()
    {
        { null, false },
        { DBNull.Value, false },
        { true, true },
        { false, false },
        { 1, true },
        { 0, false },
        { 1L, true },
        { (sbyte)0, false },
        { 1.0m, true },
        { "true", true },
        { "TRUE", true },
        { " 1 ", true },
        { "false", false },
        { "0", false },
        { "", false },
        { "no", false },
        { "2024-05-06T07:08:09Z", true },
        { "2024-05-06 07:08:09", true },
        { new DateTime(2024, 5, 6, 0, 0, 0, DateTimeKind.Utc), true },
        { DateTimeOffset.UnixEpoch, true },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void IsDeleted_Value_ReadsAsExpected(object? value, bool deleted)
    {
        Assert.Equal(deleted, DeletedValue.IsDeleted(value));
    }
}
