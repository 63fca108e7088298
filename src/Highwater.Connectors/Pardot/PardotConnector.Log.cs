using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Pardot;

// Event ids 5200-5299 belong to the Pardot connector (5201 in PardotSessions; the transport logs refreshes and limits, 5901-5903).
public sealed partial class PardotConnector
{
    [LoggerMessage(EventId = 5204, Level = LogLevel.Information, Message = "Pardot list '{Name}' created as {Id}")]
    private partial void LogListCreated(string name, string id);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Information, Message = "Pardot import {Id} started: {Records} records in {Batches} batch(es)")]
    private partial void LogImportStarted(long id, int records, int batches);

    [LoggerMessage(EventId = 5206, Level = LogLevel.Information, Message = "Pardot import {Id} complete after {Polls} read(s): {Created} created, {Updated} updated, {Errors} failed")]
    private partial void LogImportComplete(long id, int polls, int created, int updated, int errors);

    [LoggerMessage(EventId = 5207, Level = LogLevel.Warning, Message = "Pardot import {Id}: {What}")]
    private partial void LogImportTrouble(long id, string what);
}
