using System.Globalization;
using Highwater.Storage.Marks;

namespace Highwater.Sources.Polling;

/// <summary>
/// A source's mark health in words, one line per problem, as the poll report, the log and
/// <c>status</c> print it: <c>1 row ahead of the clock (key 31, 2031-01-01T00:00:00Z)</c>.
/// </summary>
public static class MarkHealthText
{
    /// <summary>One line per problem; empty when there is none.</summary>
    /// <param name="health">What the last poll found.</param>
    /// <param name="source">The source's name, for the command that fixes a mark ahead of the clock.</param>
    public static IReadOnlyList<string> Lines(MarkHealth? health, string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        var lines = new List<string>(3);
        if (health is null)
        {
            return lines;
        }

        if (health.MarkAhead is { } markAhead)
        {
            lines.Add($"the mark {Instant(markAhead)} is ahead of the clock: rows changed before it are not read (move it back with: highwater marks reset {source})");
        }

        if (health.RowsAhead > 0)
        {
            var furthest = health.FurthestAhead is { } at ? Instant(at) : "?";
            lines.Add(health.RowsAhead == 1 && health.KeysAhead.Count == 1
                ? $"1 row ahead of the clock (key {health.KeysAhead[0]}, {furthest})"
                : $"{Rows(health.RowsAhead)} ahead of the clock ({Keys(health.KeysAhead, health.RowsAhead)}; furthest {furthest})");
        }

        if (health.RowsUnmarked > 0)
        {
            lines.Add($"{Rows(health.RowsUnmarked)} without a usable mark ({Keys(health.KeysUnmarked, health.RowsUnmarked)})");
        }

        return lines;
    }

    private static string Rows(long count) =>
        count == 1 ? "1 row" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} rows";

    private static string Keys(IReadOnlyList<string> keys, long count)
    {
        var listed = string.Join(", ", keys);
        var more = count - keys.Count;
        return (keys.Count == 1 ? "key " : "keys ") + listed + (more > 0 ? $" and {more.ToString("N0", CultureInfo.InvariantCulture)} more" : "");
    }

    private static string Instant(string mark) => MarkFormat.Display(mark);
}
