using System.Text.Json;
using System.Text.Json.Serialization;
using Highwater.Engine.Reconciling;

namespace Highwater.Cli.Commands.Reconcile;

/// <summary>The <c>reconcile --json</c> document: per destination the reads planned and made, every difference and what became of it, and the writes.</summary>
internal static class ReconcileJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(IReadOnlyList<ReconcileReport> reports) => JsonSerializer.Serialize(
        new
        {
            failed = reports.Any(r => r.Failed),
            dryRun = reports.Any(r => r.DryRun),
            destinations = reports.Select(r => new
            {
                destination = r.Destination,
                kind = r.Kind,
                profiles = r.Profiles,
                plannedReadCalls = r.PlannedReadCalls,
                quotaLeft = r.QuotaLeft,
                quotaWindow = r.QuotaWindow,
                readCalls = r.ReadCalls,
                writeCalls = r.WriteCalls,
                found = r.Differences.Count,
                @fixed = r.Fixed,
                failedFixes = r.FailedFixes,
                left = r.Differences.Count(d => d.State == FixState.Left),
                differences = r.Differences.Select(d => new
                {
                    profile = d.ProfileKey,
                    kind = d.Kind,
                    remoteId = d.RemoteId,
                    foreignKey = d.ForeignKey,
                    name = d.Name,
                    remoteValue = d.RemoteValue,
                    wantedValue = d.WantedValue,
                    state = d.State,
                    note = d.Note,
                }),
                error = r.Error,
            }),
        },
        Options);
}
