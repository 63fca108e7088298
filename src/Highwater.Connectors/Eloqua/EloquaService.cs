using Highwater.Connectors.Modules;
using Highwater.Core.Budget;
using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Eloqua;

/// <summary>
/// Oracle Eloqua as Highwater knows it: its Bulk and REST APIs' capabilities and limits, the
/// settings and credentials a <c>kind: eloqua</c> destination takes, and its connector. Numbers
/// come from the project's API reference (<c>reference/service-apis.md</c>).
/// </summary>
public sealed class EloquaService : IServiceModule
{
    /// <summary>One Eloqua bulk sync: upload, sync, one poll, the logs.</summary>
    private const int BulkSyncRequests = 4;

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
    public static ServiceCapabilities Capabilities { get; } = new()
    {
        Service = "eloqua",
        Lookup = new LookupCapability(MaxKeys: 1, ReturnsMemberships: false),
        Delete = new BatchCapability(MaxBatch: 1),
        Update = new UpdateCapability(MaxBatch: 1, ByRemoteId: true, PartialFields: false),
        Upsert = new UpsertCapability(MaxBatch: 5000, ByRemoteId: false, ReturnsIds: false, PartialFields: false, RequestsPerCall: BulkSyncRequests),
        Membership = new MembershipCapability(MembershipStyle.PerListAndDirection, MaxBatch: 5000, RequestsPerCall: BulkSyncRequests, ByForeignKey: true),
        UniqueForeignKeys = true,
    };

    /// <summary>The seed: "if you are using Eloqua, we can see that you only get 2,000 calls per day".</summary>
    public static DailyQuota Quota { get; } = new(2_000, "2,000 a day (the seed's contract figure; Eloqua publishes no REST number)");

    /// <inheritdoc />
    public string Kind => Capabilities.Service;

    ServiceCapabilities IServiceModule.Capabilities => Capabilities;

    DailyQuota? IServiceModule.Quota => Quota;

    /// <summary>Nothing beyond the common settings.</summary>
    public IReadOnlyList<ServiceSetting> Settings { get; } = [];

    /// <summary>It signs in with company, user and password.</summary>
    public IReadOnlyList<string> Credentials { get; } = ["company", "username", "password"];

    /// <inheritdoc />
    public IReadOnlyList<ProblemSource> ProblemSources { get; } = [];

    /// <inheritdoc />
    public StringComparer ListNames => StringComparer.Ordinal;

    /// <inheritdoc />
    public string? UnpricedMetadata => "Eloqua's bulk API also spends metadata calls on each job's definition, sync and status polls, as many as the jobs take: not priced";

    /// <summary>
    /// Eloqua: the Bulk API's 2,000 imports an hour (4,000 sync actions, 2,000 exports), and a daily
    /// call limit: the seed's 2,000 unless the account's contract names another.
    /// </summary>
    /// <param name="account">The Eloqua instance (site).</param>
    /// <param name="dailyLimit">Calls a day under the customer's contract.</param>
    /// <param name="timeZone">The IANA zone whose midnight resets the daily limit, when known; otherwise a rolling 24 hours.</param>
    public static RatePolicyOptions Policy(string account, long dailyLimit = 2_000, string? timeZone = null)
    {
        var options = new RatePolicyOptions { Account = account };

        // Line 86: "soft 2000 imports/h, 2000 exports/h, 4000 sync actions/h". The governor counts every
        // request, not just syncs, so one hourly window of 2,000 keeps all three below their limits
        // (stricter than needed: a bulk upsert is four requests and one sync). Line 12: REST has "no
        // published number; 429", answered with the Retry-After signal when one comes.
        options.RollingWindows.Add(new RollingWindowOptions { Name = "bulk-hour", Limit = 2_000, Length = TimeSpan.FromHours(1) });

        // Line 12: no daily quota is published; the seed's "you only get 2,000 calls per day" is a
        // contract figure, and the default: configure the account's own.
        return options.AddDailyLimit(dailyLimit, timeZone);
    }

    /// <inheritdoc />
    RatePolicyOptions IServiceModule.Policy(string account, string? timeZone) => Policy(account, timeZone: timeZone);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(ServiceDestination destination) => Options(destination).Validate();

    /// <inheritdoc />
    public IServiceConnector Create(ServiceDestination destination, HttpClient http, ICallGate gate, TimeProvider time, ILoggerFactory logs) =>
        new EloquaConnector(http, Options(destination), gate, time, logs.CreateLogger<EloquaConnector>());

    /// <summary>Each list name is looked up, and created when missing.</summary>
    public (int Lookups, int Creations) ListCalls(ServiceDestination destination, int lists) => (lists, lists);

    /// <inheritdoc />
    public int? MembersPerCall(ServiceDestination destination) => null;

    private static EloquaConnectorOptions Options(ServiceDestination destination) => new()
    {
        LoginUrl = destination.BaseUrl,
        Company = destination.Credential("company"),
        Username = destination.Credential("username"),
        Password = destination.Credential("password"),

        // A harness's poll interval: each later poll waits twice as long, up to five times the first.
        PollInterval = destination.JobPollInterval ?? Defaults.PollInterval,
        MaxPollInterval = destination.JobPollInterval * 5 ?? Defaults.MaxPollInterval,
    };

    private static readonly EloquaConnectorOptions Defaults = new();
}
