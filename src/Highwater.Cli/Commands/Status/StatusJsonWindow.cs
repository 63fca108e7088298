namespace Highwater.Cli.Commands.Status;

/// <summary>
/// The batch window in force and why: as the last export pass's scheduler had it
/// (<c>source</c> = <c>lastRun</c>), or the configured one when no pass ran yet (<c>configured</c>).
/// </summary>
internal sealed record StatusJsonWindow(double Seconds, string Reason, string Source, double? CallsPerChange, string Forecast);
