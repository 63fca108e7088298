namespace Highwater.Engine.Reconciling;

/// <summary>What became of one difference.</summary>
public enum FixState
{
    /// <summary>Only listed (<c>--dry-run</c>).</summary>
    Listed,

    /// <summary>Repaired: the export completed.</summary>
    Fixed,

    /// <summary>The repair was tried and did not complete (the reason says why).</summary>
    Failed,

    /// <summary>Left as it is on purpose: the sync mode does not allow the repair, or which record is the person's is not for Highwater to guess.</summary>
    Left,
}
