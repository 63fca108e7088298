using Highwater.Core.Planning;

namespace Highwater.Core.Connectors;

/// <summary>What one request is, for the governor and the tallies.</summary>
/// <param name="Kind">
/// <c>lookup</c>, <c>delete</c>, <c>update</c>, <c>create</c>, <c>upsert</c>, <c>listAdd</c>,
/// <c>listRemove</c>, <c>listUpdate</c> for data; <c>auth</c>, <c>lists</c>, <c>fields</c>, ... for metadata.
/// </param>
/// <param name="IsData">Whether the request moves records (a planned call) rather than metadata.</param>
/// <param name="Metered">Whether it counts against the service's quota (authentication does not).</param>
public readonly record struct CallTag(string Kind, bool IsData, bool Metered = true)
{
    /// <summary>A request of a planned call.</summary>
    public static CallTag Data(CallKind kind) => new(KindName(kind), IsData: true);

    /// <summary>A metadata request that counts against the quota (list discovery, list creation).</summary>
    public static CallTag Metadata(string kind) => new(kind, IsData: false);

    /// <summary>An authentication request: tallied, never metered.</summary>
    public static CallTag Auth { get; } = new("auth", IsData: false, Metered: false);

    /// <summary>The tally name of a call kind (camel case, as the scenario runner prints it).</summary>
    public static string KindName(CallKind kind) => kind switch
    {
        CallKind.Lookup => "lookup",
        CallKind.Delete => "delete",
        CallKind.Update => "update",
        CallKind.Create => "create",
        CallKind.Upsert => "upsert",
        CallKind.ListAdd => "listAdd",
        CallKind.ListRemove => "listRemove",
        CallKind.ListUpdate => "listUpdate",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown call kind"),
    };
}
