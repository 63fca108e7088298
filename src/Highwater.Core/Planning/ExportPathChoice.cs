using System.Globalization;

namespace Highwater.Core.Planning;

/// <summary>The cheaper way to carry a batch's writes, and what each way would cost.</summary>
/// <param name="Path">The path chosen.</param>
/// <param name="Records">Records that could go either way: written, not deleted, keeping their foreign key.</param>
/// <param name="BatchRequests">Requests the batch path spends on them: their lookups, and their writes packed as tightly as the batch calls allow (a lower bound).</param>
/// <param name="BulkRequests">Requests a bulk job spends on them, with its expected polls.</param>
/// <param name="MinRecords">The fewest records the bulk path takes.</param>
public sealed record ExportPathChoice(ExportPath Path, int Records, int BatchRequests, int BulkRequests, int MinRecords)
{
    /// <summary>The fewest calls a job had to save to be worth its wait, with <see cref="QuotaLeft"/> of the day's quota left.</summary>
    public int WorthSaving { get; init; }

    /// <summary>The share (0..1) of the day's quota left when the path was chosen.</summary>
    public double QuotaLeft { get; init; } = 1;

    /// <summary>Requests the chosen path saves over the other; negative when the batch path was kept although dearer.</summary>
    public int Saved => Path == ExportPath.Bulk ? BatchRequests - BulkRequests : BulkRequests - BatchRequests;

    /// <summary>One sentence for <c>highwater plan</c>.</summary>
    public string Reason => Path == ExportPath.Bulk
        ? Invariant($"bulk job: {Records:N0} records for about {BulkRequests:N0} calls instead of at least {BatchRequests:N0} by lookups and batch calls")
        : Records < MinRecords
            ? Invariant($"batch calls: {Records:N0} records are fewer than the {MinRecords:N0} a bulk job is worth ({BatchRequests:N0} calls; a job would take about {BulkRequests:N0})")
            : BulkRequests < BatchRequests && BatchRequests - BulkRequests < WorthSaving
                ? Invariant($"batch calls: {BatchRequests:N0} calls; a bulk job would save {BatchRequests - BulkRequests:N0}, fewer than the {WorthSaving:N0} its wait is worth with {QuotaLeft * 100:N0}% of the day's quota left")
                : Invariant($"batch calls: {BatchRequests:N0} calls, no more than a bulk job's {BulkRequests:N0}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
