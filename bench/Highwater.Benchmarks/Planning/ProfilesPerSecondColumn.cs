using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Highwater.Benchmarks.Planning;

/// <summary>
/// Profiles planned per second on one thread: one second over the mean time per operation, an
/// operation being one profile (the benchmarks set OperationsPerInvoke to the profile count).
/// </summary>
internal sealed class ProfilesPerSecondColumn : IColumn
{
    public string Id => nameof(ProfilesPerSecondColumn);

    public string ColumnName => "Profiles/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Profiles planned per second on one thread (1 s / Mean)";

    public static double? PerSecond(BenchmarkReport? report) =>
        report?.ResultStatistics is { Mean: > 0 } statistics ? 1e9 / statistics.Mean : null;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        PerSecond(summary[benchmarkCase]) is { } perSecond ? perSecond.ToString("N0", CultureInfo.InvariantCulture) : "NA";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
