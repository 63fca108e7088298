using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;
using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Highwater.Connectors.Eloqua;

/// <summary>
/// The client of one Eloqua instance. Contacts are upserted through a Bulk API 2.0 import keyed on
/// <c>emailAddress</c> (its definition created once and reused): upload, sync, poll until the sync
/// is done, read its logs and, after a <c>warning</c>, its rejects, so every row gets its own outcome
/// and no row counts as exported before its sync reports it. Contact lists change through
/// sync-action definitions, one per list and direction, matching contacts by e-mail. Lookup,
/// update (an e-mail change) and delete are REST 1.0 calls, one contact each. Basic authentication;
/// the pod is found once through the login service's <c>GET /id</c>.
/// </summary>
/// <remarks>
/// Keep one instance per instance and run: it holds the pod, the list ids and the definitions, and
/// runs one sync at a time per definition (a definition's staging area is shared).
/// </remarks>
public sealed partial class EloquaConnector : IServiceConnector, IFieldDescriber
{
    private readonly EloquaConnectorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ServiceTransport _transport;
    private readonly BatchSplitter<(HttpStatusCode Status, JsonNode? Body)> _uploads;
    private readonly ConcurrentDictionary<string, string> _listIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Definition> _definitions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _orphanGate = new(1, 1);
    private volatile bool _orphansSettled;

    /// <summary>Creates a connector over an <see cref="HttpClient"/> (from IHttpClientFactory, or a test's).</summary>
    /// <exception cref="ArgumentException">The options have problems; the message lists them all.</exception>
    public EloquaConnector(HttpClient http, EloquaConnectorOptions options, ICallGate gate, TimeProvider? time = null, ILogger<EloquaConnector>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gate);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }

        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var rules = EloquaTransportRules.For(options.RateLimitBackoff);
        var login = new ServiceTransport(http, gate, rules, new StaticAuthenticator(new EloquaCredential(EloquaLogin.Authorization(options), null)), _logger);
        _transport = new ServiceTransport(http, gate, rules, new EloquaLogin(login, options), _logger);
        _uploads = new BatchSplitter<(HttpStatusCode Status, JsonNode? Body)>(EloquaTransportRules.Uploads(options.MaxUploadBytes));
    }

    /// <inheritdoc />
    public ServiceCapabilities Capabilities => _options.Capabilities;

    /// <inheritdoc />
    public async Task<CallResult> ExecuteAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        await SettleOrphanSyncsAsync(cancellationToken).ConfigureAwait(false);
        return await (call.Kind switch
        {
            CallKind.Upsert => UpsertAsync(call, cancellationToken),
            CallKind.Update => UpdateAsync(call, cancellationToken),
            CallKind.Delete => DeleteAsync(call, cancellationToken),
            CallKind.ListAdd or CallKind.ListRemove => ChangeMembersAsync(call, cancellationToken),
            _ => throw new NotSupportedException($"Eloqua has no {call.Kind} call (capabilities: lookup, delete, update, bulk upsert, per-list-and-direction sync actions)"),
        }).ConfigureAwait(false);
    }

    /// <summary>A Bulk API definition the connector made, and the gate that lets one sync use it at a time.</summary>
    private sealed record Definition(string Uri)
    {
        public SemaphoreSlim InUse { get; } = new(1, 1);

        /// <summary>An upload may have staged rows that no sync took: clear the staging area before the next upload.</summary>
        public bool Dirty { get; set; }
    }
}
