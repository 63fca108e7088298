using Highwater.Connectors.Modules;
using Highwater.Core.Budget;
using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Mailchimp;

/// <summary>
/// Mailchimp as Highwater knows it: the Marketing API 3.0 on one audience (<c>listId</c>), members
/// addressed by the MD5 of their lower-cased e-mail, the settings and credentials a
/// <c>kind: mailchimp</c> destination takes, its limits (no daily quota, 10 connections at once) and
/// its connector. Numbers come from the project's API reference (<c>reference/service-apis.md</c> §7)
/// and Mailchimp's Marketing API reference.
/// </summary>
public sealed class MailchimpService : IServiceModule
{
    /// <summary>The name of the policy's only window, a ceiling far above what 10 connections reach.</summary>
    public const string CeilingWindow = "1s";

    /// <summary>Members one batch subscribe (<c>POST /lists/{list_id}</c>) carries; segment additions and removals each take as many.</summary>
    public const int MembersPerRequest = 500;

    /// <summary>
    /// The requests a Batch Operations call is priced at: the submission, two polls, and the results
    /// archive. A call of fewer records than this sends one request per record instead.
    /// </summary>
    public const int BatchOperationRequests = 4;

    /// <summary>
    /// Mailchimp Marketing API 3.0. A member's address is the MD5 of its lower-cased e-mail, and the
    /// batch subscribe answers which members were new, so a write needs no lookup; the lookup
    /// (<c>GET /lists/{list_id}/members/{hash}</c> a key, or one Batch Operation) serves only where
    /// something is in doubt: a move or delete whose answer was lost, a key changing or contested. Upsert: <c>POST /lists/{list_id}</c> with
    /// <c>update_existing</c>, 500 members, answering <c>new_members</c> and <c>updated_members</c> with
    /// their ids. Update (a changed e-mail): <c>PATCH /lists/{list_id}/members/{old hash}</c> with the new
    /// <c>email_address</c>, one request per member or one Batch Operation for a call of
    /// <see cref="BatchOperationRequests"/> or more. Delete: archive or delete-permanent, likewise.
    /// Memberships: tags, per list, both directions in one call (a static segment's
    /// <c>members_to_add</c> and <c>members_to_remove</c>, 500 each, by e-mail; or a member's tags).
    /// E-mail addresses are unique in an audience, and a member's id is its e-mail's hash.
    /// </summary>
    public static ServiceCapabilities Capabilities { get; } = new()
    {
        Service = "mailchimp",
        Lookup = new LookupCapability(MaxKeys: MembersPerRequest, ReturnsMemberships: false, RequestsPerCall: BatchOperationRequests),
        Delete = new BatchCapability(MaxBatch: MembersPerRequest, RequestsPerCall: BatchOperationRequests),
        Update = new UpdateCapability(MaxBatch: MembersPerRequest, ByRemoteId: true, PartialFields: true, RequestsPerCall: BatchOperationRequests),
        Upsert = new UpsertCapability(MaxBatch: MembersPerRequest, ByRemoteId: false, ReturnsIds: true, PartialFields: true),
        Membership = new MembershipCapability(MembershipStyle.PerList, MaxBatch: MembersPerRequest, ByForeignKey: true),
        UniqueForeignKeys = true,
        IdsFollowKeys = true,
    };

    /// <inheritdoc />
    public string Kind => Capabilities.Service;

    ServiceCapabilities IServiceModule.Capabilities => Capabilities;

    /// <summary>Mailchimp has no daily quota.</summary>
    public DailyQuota? Quota => null;

    /// <summary>
    /// <c>listId</c>: the audience (required); <c>deleteMode</c>: archive (default) or delete-permanent;
    /// <c>statusIfNew</c>: subscribed (default), pending, unsubscribed or transactional;
    /// <c>membershipStyle</c>: auto (default), tags or segments.
    /// </summary>
    public IReadOnlyList<ServiceSetting> Settings { get; } =
    [
        ServiceSetting.Strings("listId"),
        ServiceSetting.Strings("deleteMode"),
        ServiceSetting.Strings("statusIfNew"),
        ServiceSetting.Strings("membershipStyle"),
    ];

    /// <summary>The API key, with its data centre after the dash (<c>xxxx-us21</c>), sent as the Basic password.</summary>
    public IReadOnlyList<string> Credentials { get; } = ["apiKey"];

    /// <inheritdoc />
    public IReadOnlyList<ProblemSource> ProblemSources { get; } =
    [
        new("listId", ["listId"]),
        new("deleteMode", ["deleteMode"]),
        new("statusIfNew", ["statusIfNew"]),
        new("membershipStyle", ["membershipStyle"]),
    ];

    /// <summary>Tag names are unique in an audience whatever their case.</summary>
    public StringComparer ListNames => StringComparer.OrdinalIgnoreCase;

    /// <inheritdoc />
    public string? UnpricedMetadata => null;

    /// <summary>
    /// Mailchimp: at most 10 simultaneous connections per user (more are answered 429), no daily quota
    /// and no published request rate. A policy needs a window, so it has a 1-second ceiling of 1,000
    /// requests that 10 connections never reach at Mailchimp's latencies.
    /// </summary>
    public static RatePolicyOptions Policy(string account)
    {
        var options = new RatePolicyOptions { Account = account, ConcurrencyLimit = 10 };
        options.RollingWindows.Add(new RollingWindowOptions { Name = CeilingWindow, Limit = 1_000, Length = TimeSpan.FromSeconds(1) });
        return options;
    }

    /// <inheritdoc />
    RatePolicyOptions IServiceModule.Policy(string account, string? timeZone) => Policy(account);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(ServiceDestination destination) => Options(destination).Validate();

    /// <inheritdoc />
    public IServiceConnector Create(ServiceDestination destination, HttpClient http, ICallGate gate, TimeProvider time, ILoggerFactory logs) =>
        new MailchimpConnector(http, Options(destination), gate, time, logs.CreateLogger<MailchimpConnector>());

    /// <summary>One page of the audience's static segments finds every tag by name (1,000 a page); each missing one is created.</summary>
    public (int Lookups, int Creations) ListCalls(ServiceDestination destination, int lists) => (lists > 0 ? 1 : 0, lists);

    /// <summary>A page of a segment's members holds at most 1,000.</summary>
    public int? MembersPerCall(ServiceDestination destination) => MailchimpConnector.MemberPage;

    private static string? One(ServiceDestination destination, string name) =>
        destination.Settings.Strings(name) switch
        {
            [] => null,
            [var one] => one,
            var many => string.Join(",", many),
        };

    private static MailchimpConnectorOptions Options(ServiceDestination destination)
    {
        var options = new MailchimpConnectorOptions
        {
            BaseAddress = destination.BaseUrl,
            ApiKey = destination.Credential("apiKey"),
            ListId = One(destination, "listId") ?? "",
            BatchSize = Math.Min(destination.BatchSize, MembersPerRequest),
        };
        options.DeleteMode = One(destination, "deleteMode") ?? options.DeleteMode;
        options.StatusIfNew = One(destination, "statusIfNew") ?? options.StatusIfNew;
        options.MembershipStyle = One(destination, "membershipStyle") ?? options.MembershipStyle;
        return options;
    }
}
