using Highwater.Core.Model;

namespace Highwater.Core.Planning;

/// <summary>
/// Which profile owns each remote record, as the buffer records it: the planner's view of
/// ownership for the records a lookup found. A record no profile owns exists only in the service.
/// Where the service answered no id for a record (Pardot's batch writes, Eloqua's bulk imports),
/// the buffer knows it by the foreign key it was exported under.
/// </summary>
public sealed class RecordOwners
{
    private readonly IReadOnlyDictionary<string, string> _ownerById;
    private readonly IReadOnlyDictionary<string, string> _ownerByKey;

    /// <summary>No record is known to be owned (beyond what each request says of itself).</summary>
    public static readonly RecordOwners None = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <param name="ownerById">The owning profile's key, by remote id.</param>
    /// <param name="ownerByKey">The owning profile's key, by the foreign key it was exported under, for records whose id it does not know.</param>
    public RecordOwners(IReadOnlyDictionary<string, string> ownerById, IReadOnlyDictionary<string, string>? ownerByKey = null)
    {
        ArgumentNullException.ThrowIfNull(ownerById);
        _ownerById = ownerById;
        _ownerByKey = ownerByKey ?? new Dictionary<string, string>(ForeignKeys.Comparer);
    }

    /// <summary>The profile that owns the record, or null when none does.</summary>
    public string? OwnerOf(string remoteId) => _ownerById.GetValueOrDefault(remoteId);

    /// <summary>The profile that owns the record a lookup found: by its id, or, where no profile knows it by id, by the key.</summary>
    public string? OwnerOf(RemoteMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return _ownerById.GetValueOrDefault(match.RemoteId) ?? _ownerByKey.GetValueOrDefault(match.ForeignKey);
    }
}
