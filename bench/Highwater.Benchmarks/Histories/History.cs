using System.Globalization;
using System.Text;

namespace Highwater.Benchmarks.Histories;

/// <summary>
/// A whole history for one service: the CRM-only records seeded before it, the source's mode, and
/// its steps. Made from a seed by <see cref="HistoryGenerator"/>; the shrinker makes smaller ones.
/// </summary>
/// <param name="Seed">The seed it was generated from.</param>
/// <param name="Service">The service: marketo, salesforce, pardot or eloqua.</param>
/// <param name="DiffMode">Whether the source has no mark column (diff mode: hard deletes are seen as vanished rows).</param>
/// <param name="CrmOnly">Records that exist only in the CRM, seeded before the history; never in the source.</param>
/// <param name="Steps">What happens, in order.</param>
internal sealed record History(int Seed, string Service, bool DiffMode, IReadOnlyList<CrmRecord> CrmOnly, IReadOnlyList<HistoryStep> Steps)
{
    public int Operations => Steps.Count(s => s is OpStep);

    public int FaultCount => Steps.OfType<SyncStep>().Sum(s => s.Faults.Count);

    public int Crashes => Steps.OfType<SyncStep>().Count(s => s.Crash is not null);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"history seed {Seed} on {Service}, {(DiffMode ? "diff mode (no mark)" : "mark mode")}");
        foreach (var crm in CrmOnly)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  CRM-only record {crm.Index}: <{crm.Email}> {crm.FirstName} {crm.Country} in [{string.Join(", ", crm.Lists)}]");
        }

        for (var i = 0; i < Steps.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {i + 1,2}. {Steps[i]}");
        }

        return text.ToString();
    }
}

/// <summary>A record that exists only in the CRM.</summary>
internal sealed record CrmRecord(int Index, string Email, string FirstName, string Country, IReadOnlyList<string> Lists);
