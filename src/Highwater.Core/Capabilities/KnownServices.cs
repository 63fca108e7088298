namespace Highwater.Core.Capabilities;

/// <summary>
/// The capabilities of the services Highwater knows, from each vendor's documentation as
/// gathered in the project's API reference (section and vendor source named beside each number).
/// </summary>
public static class KnownServices
{
    /// <summary>
    /// Marketo REST. Lookup: <c>GET /rest/v1/leads.json?filterType=email&amp;filterValues=..</c>, at most 300
    /// values, and it does not return memberships (reference §2 "Lookup" and "Membership" rows;
    /// AdobeDocs marketo-developer leads.md). <c>POST /rest/v1/leads.json</c> with
    /// <c>action=updateOnly, lookupField=id</c> updates by id, <c>createOnly</c> creates and
    /// <c>createOrUpdate</c> upserts by e-mail, 300 records each, and every answer carries the
    /// record's id (§2 "Create / update / upsert" row; leads.md). Delete: <c>POST
    /// /rest/v1/leads/delete.json</c>, 300 ids (§2 "Delete" row). Static lists: one call per list to
    /// add and another to remove, 300 ids each (§2 "List add"/"List remove" rows; list-membership.md).
    /// </summary>
    public static readonly ServiceCapabilities Marketo = new()
    {
        Service = "marketo",
        Lookup = new LookupCapability(MaxKeys: 300, ReturnsMemberships: false),
        Delete = new BatchCapability(MaxBatch: 300),
        Update = new UpdateCapability(MaxBatch: 300, ByRemoteId: true, PartialFields: true),
        Create = new BatchCapability(MaxBatch: 300),
        Upsert = new UpsertCapability(MaxBatch: 300, ByRemoteId: false, ReturnsIds: true, PartialFields: true),
        Membership = new MembershipCapability(MembershipStyle.PerListAndDirection, MaxBatch: 300),
    };

    /// <summary>
    /// Salesforce REST, Contacts and Campaigns. sObject Collections create, update and delete carry
    /// at most 200 records with per-record results under <c>allOrNone=false</c> (reference §3
    /// "Create"/"Update"/"Delete" rows; developer.salesforce.com resources-composite-sobjects-collections-*).
    /// Upsert needs an External ID field, which Contact.Email is not by default, so it is left out
    /// (§3 "Upsert" row: "external ids only"). Lookup is SOQL <c>WHERE Email IN (..)</c> with a
    /// <c>(SELECT Id, CampaignId FROM CampaignMembers)</c> subquery, so it answers memberships; we
    /// ask 200 keys per query to keep the query string short (§3 "Lookup" row). Campaign members for
    /// every campaign go in one collection create (additions) and one collection delete (removals)
    /// of 200 (§3 "List add"/"List remove" rows; the seed's "all Campaign additions are one request");
    /// a removal first queries the CampaignMember ids, so it costs two requests.
    /// </summary>
    public static readonly ServiceCapabilities Salesforce = new()
    {
        Service = "salesforce",
        Lookup = new LookupCapability(MaxKeys: 200, ReturnsMemberships: true),
        Delete = new BatchCapability(MaxBatch: 200),
        Update = new UpdateCapability(MaxBatch: 200, ByRemoteId: true, PartialFields: true),
        Create = new BatchCapability(MaxBatch: 200),
        Membership = new MembershipCapability(MembershipStyle.AllLists, MaxBatch: 200, RequestsPerCall: 1, RemoveRequestsPerCall: 2),
    };

    /// <summary>
    /// Pardot (Account Engagement), API v4 batch path plus the v5 Import API. Prospects are written
    /// with <c>batchUpsert</c>, at most 50 a call (code 70 beyond), and <c>list_&lt;id&gt;</c> = 1 or 0
    /// inside a prospect changes its membership, so lists cost no call of their own (reference §4,
    /// line 80; line 68 for code 70). The v4 <c>batchUpsert</c> matches only by <c>id</c> (or CRM
    /// <c>fid</c>): "Using an Email Address as the identifier is not supported and will create new
    /// entries every time" (pardot/api-docs api-version-4/prospects.md, "Endpoints for Batch
    /// Processing"); it answers an index→error map and no ids. So it is planned as what it is: an
    /// update by id and a create, 50 each, never as an upsert by e-mail. Lookup is
    /// <c>read/email/&lt;email&gt;</c>, one e-mail a call (v4 query has no e-mail filter; v5
    /// <c>objects/prospects?email=</c> takes one too, line 72), and its full answer lists the
    /// prospect's list subscriptions. Delete is one id a call (line 76). For large batches the v5
    /// Import API upserts by e-mail with <c>addToList</c>/<c>removeFromList</c> per row (line 78):
    /// up to 10 uploads of 10 MB a job (about 10,000 rows each at 1 KB a row); a job costs create,
    /// start and, expected, two polls, besides its uploads.
    /// </summary>
    public static readonly ServiceCapabilities Pardot = new()
    {
        Service = "pardot",
        Lookup = new LookupCapability(MaxKeys: 1, ReturnsMemberships: true),
        Delete = new BatchCapability(MaxBatch: 1),
        Update = new UpdateCapability(MaxBatch: 50, ByRemoteId: true, PartialFields: true),
        Create = new BatchCapability(MaxBatch: 50),
        Membership = new MembershipCapability(MembershipStyle.Inline),
        BulkUpsert = new BulkUpsertCapability(MinRecords: 200, MaxRecords: 100_000, RecordsPerUpload: 10_000, FixedRequests: 4),
    };

    /// <summary>
    /// Oracle Eloqua, Bulk API 2.0 for writes and lists, REST 1.0 for the rest. Contacts are upserted
    /// by an import definition keyed on <c>emailAddress</c> (created once, reused): one planned call is
    /// an upload to its staging area (<c>POST /contacts/imports/{id}/data</c>), a sync
    /// (<c>POST /syncs</c>), at least one poll of the sync (<c>GET /syncs/{id}</c>) and a read of its
    /// logs, so 4 requests; a sync ending in <c>warning</c> adds a read of its rejects, a slow one
    /// more polls (reference §5 "Upsert (bulk)" row and "Partial failure"; the answers in
    /// recorded-api/eloqua.jsonl). The bulk import answers no contact ids. 5,000 rows per upload
    /// keeps a staging POST far below its 32 MB cap for the ~10 fields a destination maps (§5
    /// "Limits": "≤32 MB per staging POST"). Contact lists change by sync-action definitions
    /// (<c>{"action":"add"|"remove","destination":"{{ContactList[id]}}"}</c>), one per list and
    /// direction, matching contacts by e-mail, so no id is needed; each call costs the same four
    /// requests (§5 "List add / remove" row; docs.oracle.com Bulk API "Sync actions"). Lookup
    /// (<c>search=emailAddress='..'</c>), update (PUT sends every field) and delete are REST calls,
    /// one contact each (§5 "Lookup" and "Create / update / delete" rows; §1 table "REST 1"): an
    /// update is cheaper than a bulk sync for up to three contacts and is how an e-mail changes.
    /// </summary>
    public static readonly ServiceCapabilities Eloqua = new()
    {
        Service = "eloqua",
        Lookup = new LookupCapability(MaxKeys: 1, ReturnsMemberships: false),
        Delete = new BatchCapability(MaxBatch: 1),
        Update = new UpdateCapability(MaxBatch: 1, ByRemoteId: true, PartialFields: false),
        Upsert = new UpsertCapability(MaxBatch: 5000, ByRemoteId: false, ReturnsIds: false, PartialFields: false, RequestsPerCall: EloquaBulkSyncRequests),
        Membership = new MembershipCapability(MembershipStyle.PerListAndDirection, MaxBatch: 5000, RequestsPerCall: EloquaBulkSyncRequests, ByForeignKey: true),
        UniqueForeignKeys = true,
    };

    /// <summary>One Eloqua bulk sync: upload, sync, one poll, the logs.</summary>
    private const int EloquaBulkSyncRequests = 4;

    /// <summary>Every known service, by its configuration name.</summary>
    public static readonly IReadOnlyDictionary<string, ServiceCapabilities> ByName =
        new Dictionary<string, ServiceCapabilities>(StringComparer.OrdinalIgnoreCase)
        {
            [Marketo.Service] = Marketo,
            [Salesforce.Service] = Salesforce,
            [Pardot.Service] = Pardot,
            [Eloqua.Service] = Eloqua,
        };

    /// <summary>Finds a known service by name.</summary>
    public static ServiceCapabilities Get(string service) =>
        ByName.TryGetValue(service, out var capabilities)
            ? capabilities
            : throw new ArgumentException(
                $"unknown service '{service}'; known: {string.Join(", ", ByName.Keys.Order(StringComparer.Ordinal))}",
                nameof(service));
}
