using Highwater.Cli.Commands.Shared;
using Highwater.Engine.Configuration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Highwater.Cli.Commands.Status;

/// <summary>
/// <c>highwater status [--config FILE] [--json]</c>: per source its mark, last poll and rows; per
/// destination its outbox depth and oldest waiting change, the day's quota (used, left, reset, when
/// it would run out), the batch window in force and why, the last run, and the dead letters. Reads
/// the buffer only; calls no service; never prints a secret (the PostgreSQL connection shows as its reference).
/// </summary>
internal sealed class StatusCommand(IAnsiConsole console) : AsyncCommand<StatusSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StatusSettings settings, CancellationToken cancellationToken)
    {
        var config = EngineSession.Load(settings.Config);
        using var logging = EngineSession.Logging(settings);
        var time = TimeProvider.System;

        // A SQLite buffer not made yet is reported as empty, from a throwaway one, rather than made here.
        var missing = config.Store.Kind == "sqlite" && !File.Exists(config.Store.Connection.Resolve());
        var scratch = missing ? Directory.CreateTempSubdirectory("highwater-status-").FullName : null;
        try
        {
            var opened = scratch is null ? config : config with { Store = new StoreConfig("sqlite", SecretValue.Of(Path.Combine(scratch, "buffer.db"))) };
            StatusJson status;
            await using (var store = await EngineSession.OpenStoreAsync(opened, logging, cancellationToken, time))
            {
                status = await StatusReader.ReadAsync(settings.Config, config, store, exists: !missing, time, cancellationToken);
            }

            if (settings.Json)
            {
                StatusJson.Write(console, status);
            }
            else
            {
                StatusText.Write(console, status);
            }

            return ExitCodes.Success;
        }
        finally
        {
            if (scratch is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(scratch, recursive: true);
            }
        }
    }
}
