using Highwater.Storage.Marks;

namespace Highwater.Sources.Polling;

/// <summary>What one poll of one source did.</summary>
public sealed record PollReport
{
    /// <summary>The source.</summary>
    public required string Source { get; init; }

    /// <summary>Rows read, look-back included.</summary>
    public long RowsRead { get; init; }

    /// <summary>Rows read whose content was already stored (look-back re-reads, touched-but-unchanged rows).</summary>
    public long RowsUnchanged { get; init; }

    /// <summary>Profiles whose properties, groups or deletion changed.</summary>
    public long ProfilesChanged { get; init; }

    /// <summary>Keys that vanished from a diff-mode source (their profiles are marked for deletion).</summary>
    public long Vanished { get; init; }

    /// <summary>
    /// Rows of an enrich source stored for profiles with no live primary row (none arrived yet, or
    /// it is deleted): they are exported with that profile once its primary row is live, never alone.
    /// </summary>
    public long WaitingForPrimary { get; init; }

    /// <summary>Outbox rows written, new or replacing a waiting one.</summary>
    public long OutboxWritten { get; init; }

    /// <summary>Of those, changes folded into a row still waiting.</summary>
    public long Coalesced { get; init; }

    /// <summary>The mark after the poll.</summary>
    public SourceMark? Mark { get; init; }

    /// <summary>
    /// Rows the poll could not place by their mark (ahead of the source's clock, or with no usable
    /// mark), and a stored mark that is itself ahead; null when there are none. <see cref="MarkHealthText"/> words it.
    /// </summary>
    public MarkHealth? Health { get; init; }
}
