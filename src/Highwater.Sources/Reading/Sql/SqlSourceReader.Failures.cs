using System.Data.Common;
using System.Net.Sockets;

namespace Highwater.Sources.Reading.Sql;

internal sealed partial class SqlSourceReader
{
    /// <summary>What the source reads, for messages: <c>table 'users'</c> or <c>the query</c>.</summary>
    private string Subject => Definition.Table is { } table ? $"table '{table}'" : "the query";

    /// <summary>Opens a connection; any failure to reach the database is transient, with the provider's exception inside.</summary>
    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = _dialect.CreateConnection(Definition.Connection);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await _dialect.PrepareSessionAsync(connection, cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is DbException or IOException or SocketException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw new SourceException($"source '{Definition.Name}': cannot connect to {_dialect.ConnectFailure(Definition.Connection, e)}", e) { IsTransient = true };
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private SourceException ProbeFailed(DbException e)
    {
        var message = Definition.Table is { } table && _dialect.IsUndefinedTable(e)
            ? $"source '{Definition.Name}': table '{table}' not found"
            : Definition.Table is null
                ? $"source '{Definition.Name}': the query failed: {e.Message}"
                : $"source '{Definition.Name}': cannot read {Subject}: {e.Message}";
        return new SourceException(message, e) { IsTransient = e.IsTransient };
    }

    private SourceException ReadFailed(DbException e) =>
        new($"source '{Definition.Name}': reading {Subject} failed: {e.Message}", e) { IsTransient = e.IsTransient };
}
