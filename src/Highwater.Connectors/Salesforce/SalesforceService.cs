using Highwater.Connectors.Modules;
using Highwater.Core.Budget;
using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Salesforce;

/// <summary>
/// Salesforce (Contacts and Campaigns) as Highwater knows it: its REST API's capabilities and
/// limits, the settings and credentials a <c>kind: salesforce</c> destination takes, and its
/// connector. Numbers come from the project's API reference (<c>reference/service-apis.md</c>).
/// </summary>
public sealed class SalesforceService : IServiceModule
{
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
    public static ServiceCapabilities Capabilities { get; } = new()
    {
        Service = "salesforce",
        Lookup = new LookupCapability(MaxKeys: 200, ReturnsMemberships: true),
        Delete = new BatchCapability(MaxBatch: 200),
        Update = new UpdateCapability(MaxBatch: 200, ByRemoteId: true, PartialFields: true),
        Create = new BatchCapability(MaxBatch: 200),
        Membership = new MembershipCapability(MembershipStyle.AllLists, MaxBatch: 200, RequestsPerCall: 1, RemoveRequestsPerCall: 2),
    };

    /// <summary>Reference §1: "rolling 24 h, org-wide; ~100k + per-licence" (Salesforce app limits cheatsheet).</summary>
    public static DailyQuota Quota { get; } = new(100_000, "100,000 per rolling 24 hours (org base, before per-licence additions)");

    /// <inheritdoc />
    public string Kind => Capabilities.Service;

    ServiceCapabilities IServiceModule.Capabilities => Capabilities;

    DailyQuota? IServiceModule.Quota => Quota;

    /// <summary>Nothing beyond the common settings.</summary>
    public IReadOnlyList<ServiceSetting> Settings { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<string> Credentials { get; } = ["clientId", "clientSecret"];

    /// <inheritdoc />
    public IReadOnlyList<ProblemSource> ProblemSources { get; } = [];

    /// <summary>Campaign names are matched without regard to case.</summary>
    public StringComparer ListNames => StringComparer.OrdinalIgnoreCase;

    /// <inheritdoc />
    public string? UnpricedMetadata => null;

    /// <summary>Salesforce: 100,000 calls per rolling 24 hours for the org, 25 long-running calls at once.</summary>
    public static RatePolicyOptions Policy(string account)
    {
        // Line 10: "25 concurrent long-running (≥20 s) requests (Dev 5)"; shorter requests are uncapped
        // (line 45), so 25 only bounds us when calls run long.
        var options = new RatePolicyOptions { Account = account, ConcurrencyLimit = 25 };

        // Line 10: "rolling 24 h, org-wide; ~100k + per-licence (Ent 1k, UE 5k); Dev 15k" (breach: 403
        // REQUEST_LIMIT_EXCEEDED, usage in Sforce-Limit-Info, line 45). The org's real allocation
        // arrives with every answer and lowers this limit when smaller.
        options.RollingWindows.Add(new RollingWindowOptions { Limit = 100_000, Length = TimeSpan.FromHours(24) });
        return options;
    }

    /// <inheritdoc />
    /// <remarks>The org's allocation rolls over 24 hours, so no zone applies.</remarks>
    RatePolicyOptions IServiceModule.Policy(string account, string? timeZone) => Policy(account);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(ServiceDestination destination) => Options(destination).Validate();

    /// <inheritdoc />
    public IServiceConnector Create(ServiceDestination destination, HttpClient http, ICallGate gate, TimeProvider time, ILoggerFactory logs) =>
        new SalesforceConnector(http, Options(destination), gate, time, logs.CreateLogger<SalesforceConnector>());

    /// <summary>One SOQL query finds every campaign; each missing one is created.</summary>
    public (int Lookups, int Creations) ListCalls(ServiceDestination destination, int lists) => (1, lists);

    /// <inheritdoc />
    public int? MembersPerCall(ServiceDestination destination) => null;

    private static SalesforceConnectorOptions Options(ServiceDestination destination) => new()
    {
        LoginUrl = destination.BaseUrl,
        ClientId = destination.Credential("clientId"),
        ClientSecret = destination.Credential("clientSecret"),
    };
}
