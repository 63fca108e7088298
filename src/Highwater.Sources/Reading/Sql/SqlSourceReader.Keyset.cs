using System.Data.Common;
using Highwater.Sources.Reading.Values;
using Highwater.Storage.Marks;

namespace Highwater.Sources.Reading.Sql;

internal sealed partial class SqlSourceReader
{
    /// <summary>
    /// The position as parameters of the columns' own types, so the database compares them in its
    /// own order: a timestamp as a timestamp, an integer key as a number (2 before 10).
    /// </summary>
    private void AddKeysetParameters(DbCommand command, SqlShape shape, SourceMark after)
    {
        if (Definition.MarkKind == MarkKind.Timestamp)
        {
            var mark = MarkText.ParseTimestamp(after.Mark);
            AddParameter(command, SqlQueryBuilder.MarkParameter, _dialect.TimestampParameter(mark, shape.Mark!));
            if (_dialect.MarkFloorValue(mark) is { } floor)
            {
                AddParameter(command, SqlQueryBuilder.FloorParameter, floor);
            }
        }
        else
        {
            var mark = MarkText.ParseInteger(after.Mark);
            var type = TypedValue.IsWholeNumber(shape.Mark!.ClrType) ? shape.Mark.ClrType : typeof(long);
            AddParameter(command, SqlQueryBuilder.MarkParameter, Typed(after.Mark, type, "mark", mark));
        }

        if (after.Key.Length > 0)
        {
            AddParameter(command, SqlQueryBuilder.KeyParameter, Typed(after.Key, shape.Key.ClrType, "key", after.Key));
        }
    }

    private static object Typed(string text, Type type, string what, object fallback)
    {
        try
        {
            return type == typeof(object) ? fallback : TypedValue.Parse(text, type);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new ArgumentException($"The {what} '{text}' is not a value of the {what} column's type ({type.Name}).", "after", e);
        }
    }
}
