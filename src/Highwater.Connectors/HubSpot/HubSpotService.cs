using Highwater.Connectors.Modules;
using Highwater.Core.Budget;
using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.HubSpot;

/// <summary>
/// HubSpot as Highwater knows it: the CRM v3 contacts batch API and Lists v3, their limits by
/// product tier, the settings and credentials a <c>kind: hubspot</c> destination takes, and its
/// connector. Numbers come from the project's API reference (<c>reference/service-apis.md</c> §6)
/// and HubSpot's API usage guidelines.
/// </summary>
public sealed class HubSpotService : IServiceModule
{
    /// <summary>The name of the policy's rolling 10-second window (the burst limit), as the connector reports it.</summary>
    public const string TenSecondWindow = "10s";

    /// <summary>
    /// HubSpot CRM v3. Lookup: <c>POST /crm/v3/objects/contacts/batch/read</c> with
    /// <c>idProperty: "email"</c>, 100 inputs; it answers no list memberships. Writes: <c>batch/upsert</c>
    /// by e-mail, <c>batch/update</c> by record id (so an e-mail can change), <c>batch/create</c>,
    /// <c>batch/archive</c>, 100 inputs each, every answer with the record's id (§6 table; the
    /// contacts OpenAPI spec, <c>BatchInputSimplePublicObjectBatchInputUpsert</c>). Lists v3: one
    /// <c>PUT /crm/v3/lists/{listId}/memberships/add-and-remove</c> carries both directions of one
    /// MANUAL list by record id (<c>MembershipChangeRequest</c>); HubSpot documents no cap on its ids, so
    /// one call carries up to 10,000 to keep its body near 150 KB.
    /// </summary>
    public static ServiceCapabilities Capabilities { get; } = new()
    {
        Service = "hubspot",
        Lookup = new LookupCapability(MaxKeys: 100, ReturnsMemberships: false),
        Delete = new BatchCapability(MaxBatch: 100),
        Update = new UpdateCapability(MaxBatch: 100, ByRemoteId: true, PartialFields: true),
        Create = new BatchCapability(MaxBatch: 100),
        Upsert = new UpsertCapability(MaxBatch: 100, ByRemoteId: false, ReturnsIds: true, PartialFields: true),
        Membership = new MembershipCapability(MembershipStyle.PerList, MaxBatch: MembersPerMembershipCall),
        UniqueForeignKeys = true, // a second contact with an e-mail is refused (409 CONFLICT): a swap steps aside
    };

    /// <summary>Record ids one add-and-remove call carries, both directions together.</summary>
    public const int MembersPerMembershipCall = 10_000;

    /// <summary>
    /// The limits by tier (developers.hubspot.com API usage guidelines, "Product Tier | Per 10 Seconds |
    /// Per Day"): Free and Starter 100 and 250,000; Professional 190 and 625,000; Enterprise 190 and
    /// 1,000,000; with the API limit increase 250 and 1,000,000 (the increase adds 1,000,000 to the
    /// base subscription's day: the floor is taken, raise <c>limits.daily</c> for the sum).
    /// </summary>
    public static IReadOnlyDictionary<string, HubSpotTierLimits> Tiers { get; } =
        new Dictionary<string, HubSpotTierLimits>(StringComparer.OrdinalIgnoreCase)
        {
            ["free"] = new(100, 250_000),
            ["starter"] = new(100, 250_000),
            ["professional"] = new(190, 625_000),
            ["enterprise"] = new(190, 1_000_000),
            ["capacity"] = new(250, 1_000_000),
        };

    /// <summary>The tier assumed when a destination names none: the lowest limits.</summary>
    public const string DefaultTier = "starter";

    /// <summary>The daily limit of Free and Starter accounts, the lowest tier's.</summary>
    public static DailyQuota Quota { get; } = new(250_000, "250,000 a day (Free and Starter; Professional 625,000, Enterprise 1,000,000), resetting at midnight in the account's time zone");

    /// <inheritdoc />
    public string Kind => Capabilities.Service;

    ServiceCapabilities IServiceModule.Capabilities => Capabilities;

    DailyQuota? IServiceModule.Quota => Quota;

    /// <summary><c>tier</c>: free, starter, professional, enterprise or capacity (the API limit increase).</summary>
    public IReadOnlyList<ServiceSetting> Settings { get; } = [ServiceSetting.Strings("tier")];

    /// <summary>
    /// A private app's access token (<c>token</c>), sent as a Bearer token; or, instead, an OAuth app's
    /// <c>clientId</c> and <c>clientSecret</c> with the account's <c>refreshToken</c>, exchanged for
    /// access tokens that last 30 minutes.
    /// </summary>
    public IReadOnlyList<string> Credentials { get; } = ["token", "clientId", "clientSecret", "refreshToken"];

    /// <summary>None on its own: either the token or the three OAuth keys, which <see cref="Validate"/> checks.</summary>
    public IReadOnlyList<string> RequiredCredentials { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<ProblemSource> ProblemSources { get; } = [new("tier", ["tier"])];

    /// <summary>HubSpot list names are unique in an account whatever their case (the lookup by name ignores case).</summary>
    public StringComparer ListNames => StringComparer.OrdinalIgnoreCase;

    /// <inheritdoc />
    public string? UnpricedMetadata => null;

    /// <summary>
    /// HubSpot: the tier's requests per app in any 10 seconds, and its requests a day from midnight in
    /// the account's time zone (a rolling 24 hours when the zone is not given).
    /// </summary>
    /// <param name="account">The HubSpot account (portal).</param>
    /// <param name="timeZone">The IANA zone set in the account, whose midnight resets the daily limit.</param>
    /// <param name="tier">free, starter, professional, enterprise or capacity.</param>
    /// <exception cref="ArgumentException">The tier is not one of those.</exception>
    public static RatePolicyOptions Policy(string account, string? timeZone = null, string tier = DefaultTier)
    {
        if (!Tiers.TryGetValue(tier, out var limits))
        {
            throw new ArgumentException($"unknown HubSpot tier '{tier}'; known: {string.Join(", ", Tiers.Keys)}", nameof(tier));
        }

        // No concurrency limit is published; the burst window bounds what is in flight.
        var options = new RatePolicyOptions { Account = account };
        options.RollingWindows.Add(new RollingWindowOptions { Name = TenSecondWindow, Limit = limits.TenSecondLimit, Length = TimeSpan.FromSeconds(10) });

        // "The daily limit resets at midnight based on your time zone setting."
        return options.AddDailyLimit(limits.DailyLimit, timeZone);
    }

    /// <inheritdoc />
    RatePolicyOptions IServiceModule.Policy(string account, string? timeZone) => Policy(account, timeZone);

    /// <summary>The policy of the destination's tier (an unknown tier is reported by <see cref="Validate"/>; the lowest is used meanwhile).</summary>
    RatePolicyOptions IServiceModule.Policy(ServiceDestination destination, string account, string? timeZone)
    {
        var tier = TierOf(destination);
        return Policy(account, timeZone, Tiers.ContainsKey(tier) ? tier : DefaultTier);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(ServiceDestination destination) => Options(destination).Validate();

    /// <inheritdoc />
    public IServiceConnector Create(ServiceDestination destination, HttpClient http, ICallGate gate, TimeProvider time, ILoggerFactory logs) =>
        new HubSpotConnector(http, Options(destination), gate, time, logs.CreateLogger<HubSpotConnector>());

    /// <summary>Each list is looked up by name, and created (MANUAL) when missing.</summary>
    public (int Lookups, int Creations) ListCalls(ServiceDestination destination, int lists) => (lists, lists);

    /// <summary>A page of list memberships holds at most 250 record ids, whose e-mails take three <c>batch/read</c> calls more: 4 calls a 250 members.</summary>
    public int? MembersPerCall(ServiceDestination destination) => HubSpotConnector.MembershipPage / 4;

    private static string TierOf(ServiceDestination destination) =>
        destination.Settings.Strings("tier") is [var one] ? one : destination.Settings.Strings("tier").Count == 0 ? DefaultTier : string.Join(",", destination.Settings.Strings("tier"));

    private static HubSpotConnectorOptions Options(ServiceDestination destination) => new()
    {
        BaseAddress = destination.BaseUrl,
        AccessToken = destination.Credential("token"),
        ClientId = destination.Credential("clientId"),
        ClientSecret = destination.Credential("clientSecret"),
        RefreshToken = destination.Credential("refreshToken"),
        BatchSize = Math.Min(destination.BatchSize, 100),
        Tier = TierOf(destination),
    };
}
