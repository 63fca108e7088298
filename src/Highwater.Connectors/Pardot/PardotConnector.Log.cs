using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Pardot;

// Event ids 5200-5299 belong to the Pardot connector.
public sealed partial class PardotConnector
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "Pardot session obtained; renewing it at {RenewAt:O}")]
    private partial void LogSessionObtained(DateTimeOffset renewAt);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "Pardot answered code 184 to a {Kind} request; taking a new session and sending it again")]
    private partial void LogSessionExpired(string kind);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "Pardot refused a {Kind} request: code {Code} ({Message})")]
    private partial void LogLimit(string kind, int code, string? message);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Information, Message = "Pardot list '{Name}' created as {Id}")]
    private partial void LogListCreated(string name, string id);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Information, Message = "Pardot import {Id} started: {Records} records in {Batches} batch(es)")]
    private partial void LogImportStarted(long id, int records, int batches);

    [LoggerMessage(EventId = 5206, Level = LogLevel.Information, Message = "Pardot import {Id} complete after {Polls} read(s): {Created} created, {Updated} updated, {Errors} failed")]
    private partial void LogImportComplete(long id, int polls, int created, int updated, int errors);

    [LoggerMessage(EventId = 5207, Level = LogLevel.Warning, Message = "Pardot import {Id}: {What}")]
    private partial void LogImportTrouble(long id, string what);
}
