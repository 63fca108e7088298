using Highwater.Connectors.Transport;
using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Highwater.Connectors.Pardot;

/// <summary>
/// The client of one Pardot (Account Engagement) business unit. Prospects are looked up by e-mail
/// one a call (<c>read/email</c>, which answers their list subscriptions), written 50 a call with
/// the v4 <c>batchUpsert</c> (by id for updates, by e-mail for creates; list memberships ride on
/// each prospect as <c>list_&lt;id&gt;</c> = 1 or 0) and deleted one a call; a large batch planned
/// as a bulk upsert runs as one v5 Import API job. The session comes from Salesforce's OAuth
/// client-credentials flow and every request names the business unit.
/// </summary>
/// <remarks>Keep one instance per business unit and run: it holds the session and the list ids it resolved.</remarks>
public sealed partial class PardotConnector : IServiceConnector
{
    private readonly PardotConnectorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ServiceTransport _transport;

    /// <summary>Creates a connector over an <see cref="HttpClient"/> (from IHttpClientFactory, or a test's).</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names every problem.</exception>
    public PardotConnector(HttpClient http, PardotConnectorOptions options, ICallGate gate, TimeProvider? timeProvider = null, ILogger<PardotConnector>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gate);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid Pardot options: " + string.Join("; ", problems), nameof(options));
        }

        _options = options.Copy();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var sessions = new PardotSessions(new ServiceTransport(http, gate, PardotTransportRules.Token, null, _logger), _options, _time, _logger);
        _transport = new ServiceTransport(http, gate, PardotTransportRules.Api, sessions, _logger);
        Capabilities = CapabilitiesFor(_options);
    }

    /// <summary>Creates a connector from the container (see <see cref="PardotServiceCollectionExtensions"/>).</summary>
    [ActivatorUtilitiesConstructor]
    public PardotConnector(HttpClient http, IOptions<PardotConnectorOptions> options, ICallGate gate, TimeProvider timeProvider, ILogger<PardotConnector> logger)
        : this(http, options?.Value!, gate, timeProvider, logger)
    {
    }

    /// <inheritdoc />
    public ServiceCapabilities Capabilities { get; }

    /// <inheritdoc />
    public Task<CallResult> ExecuteAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Kind switch
        {
            CallKind.Upsert when call.Bulk => ImportAsync(call, cancellationToken),
            CallKind.Update or CallKind.Create => BatchUpsertAsync(call, cancellationToken),
            CallKind.Delete => DeleteAsync(call, cancellationToken),
            CallKind.Lookup => throw new ArgumentException("a lookup goes through LookupAsync", nameof(call)),
            _ => throw new NotSupportedException($"Pardot has no {call.Kind} call: its batchUpsert matches only by id, and list memberships ride on the prospect writes"),
        };
    }

    /// <summary>
    /// Pardot's capabilities (<see cref="PardotService.Capabilities"/>) with writes of at most the batch
    /// size, and the bulk path only when an import campaign is set (an import must name one to create):
    /// for any number of records, when it saves more calls than its wait is worth
    /// (<see cref="PardotConnectorOptions.ImportLatencyCalls"/>, weighed against the day's quota left).
    /// </summary>
    private static ServiceCapabilities CapabilitiesFor(PardotConnectorOptions options)
    {
        var known = PardotService.Capabilities;
        return known with
        {
            Update = known.Update!.Value with { MaxBatch = options.BatchSize },
            Create = known.Create!.Value with { MaxBatch = options.BatchSize },
            BulkUpsert = options.ImportCampaignId is null ? null : known.BulkUpsert!.Value with { MinRecords = 1, LatencyCalls = options.ImportLatencyCalls },
        };
    }
}
