namespace Highwater.Storage.ExportLog;

/// <summary>One attempt at one record.</summary>
/// <param name="Destination">The destination.</param>
/// <param name="ProfileKey">The profile.</param>
/// <param name="At">When.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Reason">The service's reason, for failures.</param>
public sealed record ExportLogEntry(string Destination, string ProfileKey, DateTimeOffset At, ExportOutcome Outcome, string? Reason);
