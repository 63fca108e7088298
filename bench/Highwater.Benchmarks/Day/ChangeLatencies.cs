namespace Highwater.Benchmarks.Day;

/// <summary>
/// The arrival instants of the tracked changes a claimed batch carries, by row, until the batch is
/// exported (each counts its latency) or its rows go back to the outbox; the few rows that go back
/// keep theirs here until their row is claimed again.
/// </summary>
internal sealed class ChangeLatencies(LatencyHistogram histogram)
{
    private readonly Dictionary<int, double[]> _carried = [];
    private readonly List<double> _at = [];
    private readonly List<int> _from = [];

    /// <summary>Tracked changes never exported by the end of the day.</summary>
    public long PendingAtEnd { get; private set; }

    /// <summary>Where the next row's tracked changes go, with those it carried back to the outbox before.</summary>
    public List<double> StartRow(int profile)
    {
        _from.Add(_at.Count);
        TakeCarried(profile, _at);
        return _at;
    }

    /// <summary>Moves the tracked changes <paramref name="profile"/>'s row carried back to the outbox into <paramref name="into"/>.</summary>
    public void TakeCarried(int profile, List<double> into)
    {
        if (_carried.Count > 0 && _carried.Remove(profile, out var carried))
        {
            into.AddRange(carried);
        }
    }

    /// <summary>Row <paramref name="row"/> of the batch (in claim order) was exported at <paramref name="end"/>.</summary>
    public void Exported(int row, double end)
    {
        var (from, to) = Range(row);
        for (var k = from; k < to; k++)
        {
            histogram.Add(end - _at[k]);
        }
    }

    /// <summary>Row <paramref name="row"/> of the batch went back to the outbox, keeping its tracked changes.</summary>
    public void GaveBack(int row, int profile)
    {
        var (from, to) = Range(row);
        if (to > from)
        {
            _carried[profile] = [.. _at.GetRange(from, to - from)];
        }
    }

    /// <summary>The batch is done with.</summary>
    public void EndBatch()
    {
        _at.Clear();
        _from.Clear();
    }

    /// <summary>A row still waiting at the end of the day: its tracked changes count at their age then (a lower bound on their latency).</summary>
    public void Unexported(List<double> at, double end)
    {
        foreach (var t in at)
        {
            histogram.Add(end - t);
        }

        PendingAtEnd += at.Count;
    }

    private (int From, int To) Range(int row) => (_from[row], row + 1 < _from.Count ? _from[row + 1] : _at.Count);
}
