using Highwater.Connectors.Modules;
using Highwater.Core.Budget;
using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Pardot;

/// <summary>
/// Pardot (Account Engagement) as Highwater knows it: its API's capabilities and limits, the
/// settings and credentials a <c>kind: pardot</c> destination takes, and its connector. Numbers
/// come from the project's API reference (<c>reference/service-apis.md</c>).
/// </summary>
public sealed class PardotService : IServiceModule
{
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
    public static ServiceCapabilities Capabilities { get; } = new()
    {
        Service = "pardot",
        Lookup = new LookupCapability(MaxKeys: 1, ReturnsMemberships: true),
        Delete = new BatchCapability(MaxBatch: 1),
        Update = new UpdateCapability(MaxBatch: 50, ByRemoteId: true, PartialFields: true),
        Create = new BatchCapability(MaxBatch: 50),
        Membership = new MembershipCapability(MembershipStyle.Inline),
        BulkUpsert = new BulkUpsertCapability(MinRecords: 200, MaxRecords: 100_000, RecordsPerUpload: 10_000, FixedRequests: 4),
    };

    /// <summary>Reference §1: "25k/50k/100k/100k by edition; next calendar day" (Pardot API usage).</summary>
    public static DailyQuota Quota { get; } = new(25_000, "25,000 a day (Growth edition), resetting the next calendar day");

    /// <summary>
    /// Pardot's daily API calls by edition (line 11: "25k/50k/100k/100k by edition"; help.salesforce.com
    /// pardot_admin_api_using): Growth, Plus, Advanced, Premium.
    /// </summary>
    public static IReadOnlyDictionary<string, long> DailyLimits { get; } =
        new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase)
        {
            ["growth"] = 25_000,
            ["plus"] = 50_000,
            ["advanced"] = 100_000,
            ["premium"] = 100_000,
        };

    /// <inheritdoc />
    public string Kind => Capabilities.Service;

    ServiceCapabilities IServiceModule.Capabilities => Capabilities;

    DailyQuota? IServiceModule.Quota => Quota;

    /// <summary>Its Salesforce login, the import campaign and what an import's wait is worth, and the custom fields v4 cannot list.</summary>
    public IReadOnlyList<ServiceSetting> Settings { get; } =
        [ServiceSetting.Url("loginUrl"), ServiceSetting.Integer("importCampaignId"), ServiceSetting.Integer("importLatencyCalls", 0, PardotConnectorOptions.MaxImportLatencyCalls), ServiceSetting.Strings("customFields")];

    /// <inheritdoc />
    public IReadOnlyList<string> Credentials { get; } = ["clientId", "clientSecret", "businessUnitId"];

    /// <summary>The login URL's problems belong to <c>loginUrl</c> when written, else to <c>baseUrl</c>.</summary>
    public IReadOnlyList<ProblemSource> ProblemSources { get; } =
        [new("pardot.loginUrl", ["loginUrl", "baseUrl"]), new("importCampaignId", ["importCampaignId"]), new("importLatencyCalls", ["importLatencyCalls"])];

    /// <summary>Pardot describes no fields: <c>validate --connect</c> checks its documented ones and the destination's <c>customFields</c>.</summary>
    public string? FieldSource => "from its documented fields and customFields";

    /// <summary>List names are matched without regard to case.</summary>
    public StringComparer ListNames => StringComparer.OrdinalIgnoreCase;

    /// <inheritdoc />
    public string? UnpricedMetadata => null;

    /// <summary>Pardot (Account Engagement): 5 calls at once, and the edition's calls a day (Growth's 25,000 by default).</summary>
    /// <param name="account">The business unit.</param>
    /// <param name="timeZone">
    /// The IANA zone whose midnight resets the quota, when known; otherwise a rolling 24-hour window.
    /// Salesforce says the limit resets "the next calendar day" but not in which zone.
    /// </param>
    /// <param name="edition">growth, plus, advanced or premium.</param>
    /// <exception cref="ArgumentException">The edition is not one of those.</exception>
    public static RatePolicyOptions Policy(string account, string? timeZone = null, string edition = "growth")
    {
        if (!DailyLimits.TryGetValue(edition, out var daily))
        {
            throw new ArgumentException($"unknown Pardot edition '{edition}'; known: {string.Join(", ", DailyLimits.Keys)}", nameof(edition));
        }

        // Line 11 and line 68: "5 concurrent" (breach: code 66).
        var options = new RatePolicyOptions { Account = account, ConcurrencyLimit = 5 };

        // Line 11: "25k/50k/100k/100k by edition; next calendar day (tz ?)" (breach: code 122, line 68).
        return options.AddDailyLimit(daily, timeZone);
    }

    /// <inheritdoc />
    RatePolicyOptions IServiceModule.Policy(string account, string? timeZone) => Policy(account, timeZone);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(ServiceDestination destination) => Options(destination).Validate();

    /// <inheritdoc />
    public IServiceConnector Create(ServiceDestination destination, HttpClient http, ICallGate gate, TimeProvider time, ILoggerFactory logs) =>
        new PardotConnector(http, Options(destination), gate, time, logs.CreateLogger<PardotConnector>());

    /// <summary>Each list name is looked up, and created when missing.</summary>
    public (int Lookups, int Creations) ListCalls(ServiceDestination destination, int lists) => (lists, lists);

    /// <inheritdoc />
    public int? MembersPerCall(ServiceDestination destination) => null;

    private static PardotConnectorOptions Options(ServiceDestination destination) => new()
    {
        ApiBaseAddress = destination.BaseUrl,
        LoginUrl = destination.Settings.Url("loginUrl") ?? new Uri("https://login.salesforce.com/"),
        ClientId = destination.Credential("clientId"),
        ClientSecret = destination.Credential("clientSecret"),
        BusinessUnitId = destination.Credential("businessUnitId"),
        BatchSize = Math.Min(destination.BatchSize, 50),
        ImportCampaignId = destination.Settings.Integer("importCampaignId"),
        ImportLatencyCalls = (int?)destination.Settings.Integer("importLatencyCalls") ?? PardotConnectorOptions.DefaultImportLatencyCalls,
        CustomFields = new HashSet<string>(destination.Settings.Strings("customFields"), StringComparer.Ordinal),
        ImportPollInterval = destination.JobPollInterval ?? Defaults.ImportPollInterval,
    };

    private static readonly PardotConnectorOptions Defaults = new();
}
