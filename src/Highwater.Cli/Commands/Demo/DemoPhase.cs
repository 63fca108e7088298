using Highwater.Engine.Running;

namespace Highwater.Cli.Commands.Demo;

/// <summary>One phase of the demo, measured.</summary>
/// <param name="Name">What the phase did.</param>
/// <param name="Changes">Source rows changed (written) before the phase.</param>
/// <param name="Pass">The export pass.</param>
/// <param name="RowsRead">Rows the poll read.</param>
/// <param name="QuotaUsed">Calls counted against the day's quota after the phase.</param>
/// <param name="QuotaLimit">The day's quota.</param>
/// <param name="Elapsed">Poll plus export time.</param>
/// <param name="Differences">Differences between the source and the simulator after the phase (0: converged).</param>
internal sealed record DemoPhase(string Name, long Changes, ExportPassReport Pass, long RowsRead, long QuotaUsed, long QuotaLimit, TimeSpan Elapsed, int Differences);
