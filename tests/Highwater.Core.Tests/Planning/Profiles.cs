using Highwater.Core.Capabilities;
using Highwater.Core.Model;

namespace Highwater.Core.Tests.Planning;

/// <summary>Short ways to write export requests in table tests.</summary>
internal static class Profiles
{
    /// <summary>
    /// A REST-only service (Eloqua's REST 1.0 without the Bulk API): one contact per lookup, update,
    /// create and delete, and one call per list carrying both directions, by id.
    /// </summary>
    public static readonly ServiceCapabilities RestOnly = new()
    {
        Service = "rest-only",
        Lookup = new LookupCapability(MaxKeys: 1, ReturnsMemberships: false),
        Delete = new BatchCapability(MaxBatch: 1),
        Update = new UpdateCapability(MaxBatch: 1, ByRemoteId: true, PartialFields: false),
        Create = new BatchCapability(MaxBatch: 1),
        Membership = new MembershipCapability(MembershipStyle.PerList, MaxBatch: 1000),
    };

    public static Dictionary<string, string?> Fields(params (string Name, string? Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);

    /// <summary>A profile Highwater never exported.</summary>
    public static ExportRequest New(string key, string email, Dictionary<string, string?>? fields = null, params string[] groups) => new()
    {
        ProfileKey = key,
        ForeignKey = email,
        Fields = fields ?? Fields(("firstName", key)),
        Groups = groups.ToHashSet(),
    };

    /// <summary>A profile exported before, as <paramref name="remoteId"/> with these fields and lists.</summary>
    public static ExportRequest Known(string key, string email, string? remoteId, Dictionary<string, string?> exportedFields, string[] exportedLists, Dictionary<string, string?> fields, params string[] groups) => new()
    {
        ProfileKey = key,
        ForeignKey = email,
        Fields = fields,
        Groups = groups.ToHashSet(),
        LastExported = new ExportedState { RemoteId = remoteId, Fields = exportedFields, Lists = exportedLists.ToHashSet() },
    };
}
