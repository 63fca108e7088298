namespace Highwater.Core.Planning;

/// <summary>
/// Which profile owns each remote record, as the buffer records it: the planner's view of
/// ownership for the records a lookup found. A record no profile owns exists only in the service.
/// </summary>
public sealed class RecordOwners
{
    private readonly IReadOnlyDictionary<string, string> _ownerById;

    /// <summary>No record is known to be owned (beyond what each request says of itself).</summary>
    public static readonly RecordOwners None = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <param name="ownerById">The owning profile's key, by remote id.</param>
    public RecordOwners(IReadOnlyDictionary<string, string> ownerById)
    {
        ArgumentNullException.ThrowIfNull(ownerById);
        _ownerById = ownerById;
    }

    /// <summary>The profile that owns the record, or null when none does.</summary>
    public string? OwnerOf(string remoteId) => _ownerById.GetValueOrDefault(remoteId);
}
