using Highwater.Sources.Reading;
using Highwater.Sources.Reading.Values;
using Highwater.Storage.Marks;
using Microsoft.Extensions.Logging;

namespace Highwater.Sources.Polling;

public sealed partial class SourcePoller
{
    /// <summary>How often a long-running poller counts the rows with no usable mark.</summary>
    internal static readonly TimeSpan UnmarkedCheckInterval = TimeSpan.FromMinutes(10);

    private (DateTimeOffset At, UnmarkedRows Rows)? _unmarked;

    /// <summary>Keys named per kind of problem in a report; the count says how many there are in all.</summary>
    internal const int KeysShown = 5;

    /// <summary>
    /// The latest timestamp mark the poll may move to: the source database's clock (this machine's
    /// for a file) plus the allowed skew. Null for integer marks, which have no clock to be ahead of.
    /// </summary>
    private async Task<DateTime?> MarkLimitAsync(CancellationToken cancellationToken)
    {
        if (Source.MarkKind != MarkKind.Timestamp)
        {
            return null;
        }

        var clock = await _reader.ReadClockAsync(cancellationToken) ?? _time.GetUtcNow().UtcDateTime;
        return clock + Source.MaxFutureSkew;
    }

    /// <summary>
    /// What the poll could not place by its mark. Stored (and logged, as a warning) only when it
    /// differs from what the last poll found, so a row ahead of the clock warns once, not every poll.
    /// </summary>
    private async Task<MarkHealth> HealthAsync(SourcePollStart state, SourceMark? mark, DateTime? limit, AheadRows ahead, CancellationToken cancellationToken)
    {
        var unmarked = await UnmarkedAsync(cancellationToken);
        var health = new MarkHealth
        {
            RowsAhead = ahead.Count,
            KeysAhead = ahead.Keys,
            FurthestAhead = ahead.Furthest,
            RowsUnmarked = unmarked.Count,
            KeysUnmarked = unmarked.Keys,
            MarkAhead = mark is not null && limit is { } latest && MarkText.ParseTimestamp(mark.Mark) > latest ? mark.Mark : null,
        };

        var before = state.Health ?? new MarkHealth();
        if (health.Equals(before))
        {
            return health;
        }

        await _store.Sources.SetHealthAsync(Source.Name, health, cancellationToken);
        if (health.IsClean)
        {
            LogMarksClean(Source.Name);
        }

        // Only what is new: a second row ahead of the clock does not repeat the rows without a mark.
        var known = MarkHealthText.Lines(state.Health, Source.Name);
        foreach (var problem in MarkHealthText.Lines(health, Source.Name).Except(known, StringComparer.Ordinal))
        {
            LogMarkProblem(Source.Name, problem);
        }

        return health;
    }

    /// <summary>
    /// Rows with no usable mark, counted by one query: at this poller's first poll, then at most every
    /// <see cref="UnmarkedCheckInterval"/>. Without an index that serves <c>mark IS NULL</c> (SQLite's
    /// normal-form expression index) the query reads the whole mark column, too much for every poll
    /// of a large table; a <c>sync</c> is a new poller, so it always counts.
    /// </summary>
    private async Task<UnmarkedRows> UnmarkedAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_unmarked is { } known && now - known.At < UnmarkedCheckInterval)
        {
            return known.Rows;
        }

        var rows = await _reader.FindUnmarkedAsync(KeysShown, cancellationToken);
        _unmarked = (now, rows);
        return rows;
    }

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Source {Source}: {Problem}")]
    private partial void LogMarkProblem(string source, string problem);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Source {Source}: every row's mark is usable again")]
    private partial void LogMarksClean(string source);

    /// <summary>Rows read ahead of the clock, across the pages of one poll (which come in mark order).</summary>
    private sealed class AheadRows
    {
        private readonly List<string> _keys = [];

        public long Count { get; private set; }

        public IReadOnlyList<string> Keys => _keys;

        public string? Furthest { get; private set; }

        public void Add(IReadOnlyList<SourceRow> rows)
        {
            foreach (var row in rows)
            {
                Count++;
                Furthest = row.Mark;
                if (_keys.Count < KeysShown)
                {
                    _keys.Add(row.Key);
                }
            }
        }
    }
}
