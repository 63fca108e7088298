using Highwater.Core.Groups;
using Highwater.Core.Profiles;
using Highwater.Storage;
using Highwater.Storage.Ingest;
using Microsoft.Extensions.Logging;

namespace Highwater.Sources.Regrouping;

/// <summary>
/// Re-evaluates groups that change with time alone ("within the last 30 days"): a profile leaves
/// such a group on day 31 with no source row changing, so no poll would notice. Run at time T, it
/// walks every stored profile in keyset pages (memory holds one page), evaluates its groups at T as
/// a poll would, writes those that changed, and enqueues the profile for each destination that maps
/// a group that changed: a destination that maps none of them gets no outbox row. A profile a poll
/// changed meanwhile is left to that poll, which evaluated its groups itself. Does nothing when no
/// group has a relative-date rule. The engine calls <see cref="RefreshAsync"/> on a schedule.
/// </summary>
public sealed partial class GroupRefresher
{
    private readonly IBufferStore _store;
    private readonly GroupEvaluator _groups;
    private readonly IReadOnlyList<DestinationScope> _destinations;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _pageSize;

    /// <summary>Creates a refresher over the buffer's profiles, with the same groups and destinations the pollers use.</summary>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public GroupRefresher(
        IBufferStore store,
        GroupEvaluator groups,
        IReadOnlyList<DestinationScope> destinations,
        TimeProvider time,
        ILogger<GroupRefresher> logger,
        GroupRefreshOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(destinations);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options ??= new GroupRefreshOptions();
        if (options.PageSize is < 1 or > 100_000)
        {
            throw new ArgumentException($"groupRefresh.pageSize: must be 1..100000 (was {options.PageSize})", nameof(options));
        }

        _store = store;
        _groups = groups;
        _destinations = [.. destinations];
        _time = time;
        _logger = logger;
        _pageSize = options.PageSize;
    }

    /// <summary>Whether any group can change with time alone; when false, <see cref="RefreshAsync"/> has nothing to do.</summary>
    public bool IsNeeded => _groups.DependsOnTime;

    /// <summary>Re-evaluates every profile's groups at the current time and stores what changed.</summary>
    public async Task<GroupRefreshReport> RefreshAsync(CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        if (!IsNeeded)
        {
            return new GroupRefreshReport { At = at };
        }

        long scanned = 0, changed = 0, stale = 0, written = 0, coalesced = 0;
        string? after = null;
        while (true)
        {
            var page = await _store.Profiles.ListAsync(after, _pageSize, cancellationToken);
            scanned += page.Count;
            var changes = new List<GroupChange>();
            foreach (var profile in page)
            {
                // A deleted profile exports nothing, whatever its groups.
                if (profile.Deleted)
                {
                    continue;
                }

                var groups = _groups.Evaluate(profile.Properties, at);
                if (groups.SetEquals(profile.Groups))
                {
                    continue;
                }

                var before = new ProfileSnapshot(profile.Key, profile.Properties, profile.Groups, Deleted: false);
                var now = before with { Groups = groups };
                changes.Add(new GroupChange(profile, groups, [.. _destinations.Where(d => d.Affects(before, now)).Select(d => d.Destination)]));
            }

            if (changes.Count > 0)
            {
                var result = await _store.Ingest.ChangeGroupsAsync(changes, cancellationToken);
                changed += result.ProfilesChanged;
                stale += result.Stale;
                written += result.OutboxWritten;
                coalesced += result.Coalesced;
            }

            if (page.Count < _pageSize)
            {
                break;
            }

            after = page[^1].Key;
        }

        LogRefreshed(at, scanned, changed, written, coalesced);
        return new GroupRefreshReport
        {
            At = at,
            ProfilesScanned = scanned,
            ProfilesChanged = changed,
            ProfilesSkipped = stale,
            OutboxWritten = written,
            Coalesced = coalesced,
        };
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Refreshed time-dependent groups at {At}: {Scanned} profiles scanned, {Changed} changed, {Outbox} outbox rows written ({Coalesced} coalesced)")]
    private partial void LogRefreshed(DateTimeOffset at, long scanned, long changed, long outbox, long coalesced);
}
