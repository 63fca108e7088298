using Microsoft.Data.Sqlite;

namespace Highwater.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a pool thread after writes commit.
/// SQLite's own automatic checkpoint runs inside the commit that crosses its threshold, on the
/// writer's thread: during an initial load that was a tenth of the writer's time, which another
/// core can do instead. The automatic checkpoint stays on at a higher threshold as a safety net.
/// At most one checkpoint runs at a time; a commit during one asks for one more after it.
/// </summary>
internal sealed class SqliteCheckpointer(SqliteDatabase database)
{
    private const int Idle = 0;
    private const int Running = 1;
    private const int RunningAndAskedAgain = 2;

    private int _state;
    private Task _running = Task.CompletedTask;

    /// <summary>Asks for a checkpoint soon; returns at once.</summary>
    public void Nudge()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == RunningAndAskedAgain)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _state, state + 1, state) == state)
            {
                if (state == Idle)
                {
                    // Published before it starts: a later nudge can only start the next run after
                    // this one ends, so a drain never waits on a run older than the one going.
                    var run = new Task<Task>(RunAsync);
                    Volatile.Write(ref _running, run.Unwrap());
                    run.Start(TaskScheduler.Default);
                }

                return;
            }
        }
    }

    /// <summary>Waits for the checkpoint running now, if any (before the file is closed or deleted).</summary>
    public Task DrainAsync() => Volatile.Read(ref _running);

    private async Task RunAsync()
    {
        do
        {
            try
            {
                // PASSIVE: copies what no reader still needs and never waits for, or blocks, anyone.
                await using var connection = await database.OpenAsync(CancellationToken.None);
                await using var checkpoint = SqliteCommands.Create(connection, null, "PRAGMA wal_checkpoint(PASSIVE);");
                await checkpoint.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (SqliteException)
            {
                // Busy or gone: the next commit asks again, and the automatic checkpoint still stands behind it.
            }
        }
        while (Interlocked.Decrement(ref _state) > Idle);
    }
}
