namespace Highwater.Storage.Ingest;

/// <summary>The scheduler's lanes.</summary>
public enum OutboxLane
{
    /// <summary>Day-to-day changes.</summary>
    Live = 0,

    /// <summary>Initial loads and full resyncs.</summary>
    Backfill = 1,
}
