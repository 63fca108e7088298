using Highwater.Connectors.Transport;
using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.HubSpot;

/// <summary>
/// The client of one HubSpot account: contacts are found by e-mail (<c>batch/read</c> with
/// <c>idProperty: "email"</c>), upserted by e-mail, updated by record id (so an e-mail can change),
/// created and archived in batches of up to 100; each MANUAL list's additions and removals go in one
/// <c>add-and-remove</c> call by record id. Every request passes the <see cref="ICallGate"/> first
/// and every answer's <c>X-HubSpot-RateLimit-*</c> headers are reported to it.
/// </summary>
public sealed partial class HubSpotConnector : IServiceConnector, IFieldDescriber
{
    /// <summary>List memberships one page answers (the documented maximum <c>limit</c>).</summary>
    public const int MembershipPage = 250;

    private readonly HubSpotConnectorOptions _options;
    private readonly ServiceTransport _transport;
    private readonly TimeProvider _time;

    /// <summary>Creates a connector over <paramref name="http"/>; <paramref name="logger"/> hears the transport's signals (a refresh, a 429).</summary>
    /// <exception cref="ArgumentException">The options have problems; the message lists them all.</exception>
    public HubSpotConnector(HttpClient http, HubSpotConnectorOptions options, ICallGate gate, TimeProvider? time = null, ILogger<HubSpotConnector>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gate);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid HubSpot options: " + string.Join("; ", problems), nameof(options));
        }

        _options = options;

        // The caller's client does the sending (and its time-out); the day's usage is read beneath the transport's signal handler.
        var reporting = new HttpClient(new HubSpotDailyUsageHandler(http)) { Timeout = Timeout.InfiniteTimeSpan };
        _time = time ?? TimeProvider.System;
        ITransportAuthenticator authenticator = options.UsesOAuth
            ? new HubSpotOAuth(new ServiceTransport(http, gate, HubSpotTransportRules.Token, null, logger), options, _time)
            : new StaticAuthenticator(new BearerCredential(options.AccessToken));
        _transport = new ServiceTransport(reporting, gate, HubSpotTransportRules.Create(options.RateLimitBackoff, options.UsesOAuth), authenticator, logger);
        Capabilities = options.Capabilities();
    }

    /// <inheritdoc />
    public ServiceCapabilities Capabilities { get; }

    /// <inheritdoc />
    public async Task<CallResult> ExecuteAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Kind != CallKind.ListUpdate && call.Records.Count > _options.BatchSize)
        {
            throw new ArgumentException($"a HubSpot batch call carries at most {_options.BatchSize} records (was {call.Records.Count})", nameof(call));
        }

        var outcomes = call.Kind switch
        {
            CallKind.Upsert => await WriteAsync(call, "upsert", cancellationToken).ConfigureAwait(false),
            CallKind.Create => await WriteAsync(call, "create", cancellationToken).ConfigureAwait(false),
            CallKind.Update => await WriteAsync(call, "update", cancellationToken).ConfigureAwait(false),
            CallKind.Delete => await ArchiveAsync(call, cancellationToken).ConfigureAwait(false),
            CallKind.ListUpdate or CallKind.ListAdd or CallKind.ListRemove => await ChangeMembersAsync(call, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException("a lookup goes through LookupAsync", nameof(call)),
        };
        return new CallResult(outcomes);
    }
}
