using Highwater.Storage.RemoteState;

namespace Highwater.Engine.Reconciling;

/// <summary>What the repair of one chunk does: states to write (what was read, as the diff base), states to forget, profiles to export.</summary>
internal sealed class ReconcileRepair
{
    public List<RemoteRecordState> States { get; } = [];

    public List<string> Forget { get; } = [];

    public HashSet<string> Export { get; } = new(StringComparer.Ordinal);
}
