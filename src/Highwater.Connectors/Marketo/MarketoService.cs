using Highwater.Connectors.Modules;
using Highwater.Core.Budget;
using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Marketo;

/// <summary>
/// Marketo as Highwater knows it: its REST API's capabilities and limits, the settings and
/// credentials a <c>kind: marketo</c> destination takes, and its connector. Numbers come from the
/// project's API reference (<c>reference/service-apis.md</c> in the shared folder).
/// </summary>
public sealed class MarketoService : IServiceModule
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
    public static ServiceCapabilities Capabilities { get; } = new()
    {
        Service = "marketo",
        Lookup = new LookupCapability(MaxKeys: 300, ReturnsMemberships: false),
        Delete = new BatchCapability(MaxBatch: 300),
        Update = new UpdateCapability(MaxBatch: 300, ByRemoteId: true, PartialFields: true),
        Create = new BatchCapability(MaxBatch: 300),
        Upsert = new UpsertCapability(MaxBatch: 300, ByRemoteId: false, ReturnsIds: true, PartialFields: true),
        Membership = new MembershipCapability(MembershipStyle.PerListAndDirection, MaxBatch: 300),
    };

    /// <summary>Reference §1: "usually 50k/day (min 10k); resets 12:00AM CST" (Marketo integration best practices).</summary>
    public static DailyQuota Quota { get; } = new(50_000, "50,000 a day, resetting at midnight US Central");

    /// <inheritdoc />
    public string Kind => Capabilities.Service;

    ServiceCapabilities IServiceModule.Capabilities => Capabilities;

    DailyQuota? IServiceModule.Quota => Quota;

    /// <summary>Lists it may create go into <c>listFolder</c>.</summary>
    public IReadOnlyList<ServiceSetting> Settings { get; } = [ServiceSetting.Integer("listFolder")];

    /// <inheritdoc />
    public IReadOnlyList<string> Credentials { get; } = ["clientId", "clientSecret"];

    /// <inheritdoc />
    public IReadOnlyList<ProblemSource> ProblemSources { get; } = [new("listFolderId", ["listFolder"])];

    /// <inheritdoc />
    public StringComparer ListNames => StringComparer.Ordinal;

    /// <inheritdoc />
    public string? UnpricedMetadata => null;

    /// <summary>Marketo: 100 calls per 20 seconds, 10 at once, 50,000 a day from midnight US Central.</summary>
    public static RatePolicyOptions Policy(string account)
    {
        var options = new RatePolicyOptions
        {
            Account = account,

            // Line 9: "100 calls/20 s; 10 concurrent; shared instance-wide" (breach: 606 and 615, line 26).
            // Line 39 advises ≤50 and ≤5 because other integrations share them; lower these when they do.
            ConcurrencyLimit = 10,
        };
        options.RollingWindows.Add(new RollingWindowOptions { Limit = 100, Length = TimeSpan.FromSeconds(20) });

        // Line 9: "usually 50k/day (min 10k); resets 12:00AM CST" (breach: 607, line 26). We read CST as
        // US Central local time, so the day is 23 or 25 hours on daylight-saving days.
        options.CalendarWindows.Add(new CalendarWindowOptions { Limit = 50_000, TimeZone = "America/Chicago" });
        return options;
    }

    /// <inheritdoc />
    /// <remarks>Marketo's day resets at midnight US Central whatever zone is given; <c>limits.timeZone</c> overrides it afterwards.</remarks>
    RatePolicyOptions IServiceModule.Policy(string account, string? timeZone) => Policy(account);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(ServiceDestination destination) => Options(destination).Validate();

    /// <inheritdoc />
    public IServiceConnector Create(ServiceDestination destination, HttpClient http, ICallGate gate, TimeProvider time, ILoggerFactory logs) =>
        new MarketoConnector(http, Options(destination), gate, time, logs.CreateLogger<MarketoConnector>());

    /// <summary>Marketo browses its static lists a page of 200 at a time for several names, one lookup for a single one, and creates lists only with a <c>listFolder</c>.</summary>
    public (int Lookups, int Creations) ListCalls(ServiceDestination destination, int lists) =>
        (1, destination.Settings.Integer("listFolder") is null ? 0 : lists);

    /// <summary>A page of list members is the batch size, 300 at most.</summary>
    public int? MembersPerCall(ServiceDestination destination) => Math.Min(destination.BatchSize, 300);

    private static MarketoConnectorOptions Options(ServiceDestination destination) => new()
    {
        BaseAddress = destination.BaseUrl,
        ClientId = destination.Credential("clientId"),
        ClientSecret = destination.Credential("clientSecret"),
        BatchSize = Math.Min(destination.BatchSize, 300),
        ListFolderId = destination.Settings.Integer("listFolder"),
    };
}
