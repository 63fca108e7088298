using System.Text.Json.Nodes;
using Highwater.Connectors.Transport;
using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Highwater.Connectors.Marketo;

/// <summary>
/// The client of one Marketo instance's REST API: leads are looked up by the foreign-key field
/// (GET, or <c>POST ?_method=GET</c> when the URL would pass 8 KB), created (<c>createOnly</c>),
/// updated by id (<c>updateOnly</c>, so a key can change), upserted (<c>createOrUpdate</c>) and
/// deleted in calls of up to 300; static-list members are added and removed one list and one
/// direction per call. Every request passes the <see cref="ICallGate"/> first.
/// </summary>
public sealed partial class MarketoConnector : IServiceConnector, IFieldDescriber, IDisposable
{
    private readonly MarketoConnectorOptions _options;
    private readonly MarketoClient _client;
    private readonly MarketoTokenSource _tokens;
    private readonly BatchSplitter<JsonObject> _batches;

    /// <summary>Creates a connector over <paramref name="http"/> (tests and hand-wired hosts).</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names every problem.</exception>
    public MarketoConnector(HttpClient http, MarketoConnectorOptions options, ICallGate gate, TimeProvider? timeProvider = null, ILogger<MarketoConnector>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gate);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid Marketo options: " + string.Join("; ", problems), nameof(options));
        }

        _options = options.Copy();
        var log = (ILogger?)logger ?? NullLogger.Instance;
        _tokens = new MarketoTokenSource(new ServiceTransport(http, gate, MarketoTransportRules.Identity, null, log), _options, timeProvider ?? TimeProvider.System);
        _client = new MarketoClient(new ServiceTransport(http, gate, MarketoTransportRules.Rest, _tokens, log), _options);
        _batches = new BatchSplitter<JsonObject>(MarketoTransportRules.Batches(_options.MaxBodyBytes));
        Capabilities = CapabilitiesFor(_options.BatchSize);
    }

    /// <summary>Creates a connector from the container (see <see cref="MarketoServiceCollectionExtensions"/>).</summary>
    [ActivatorUtilitiesConstructor]
    public MarketoConnector(HttpClient http, IOptions<MarketoConnectorOptions> options, ICallGate gate, TimeProvider timeProvider, ILogger<MarketoConnector> logger)
        : this(http, options?.Value!, gate, timeProvider, logger)
    {
    }

    /// <inheritdoc />
    public ServiceCapabilities Capabilities { get; }

    /// <inheritdoc />
    public async Task<CallResult> ExecuteAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Records.Count > _options.BatchSize)
        {
            throw new ArgumentException($"a Marketo call carries at most {_options.BatchSize} records (was {call.Records.Count})", nameof(call));
        }

        var fk = _options.ForeignKeyField;
        var outcomes = call.Kind switch
        {
            CallKind.Create => await SyncAsync(call, "createOnly", fk, cancellationToken).ConfigureAwait(false),
            CallKind.Update => await SyncAsync(call, "updateOnly", "id", cancellationToken).ConfigureAwait(false),
            CallKind.Upsert => await SyncAsync(call, "createOrUpdate", fk, cancellationToken).ConfigureAwait(false),
            CallKind.Delete => await DeleteAsync(call, cancellationToken).ConfigureAwait(false),
            CallKind.ListAdd or CallKind.ListRemove => await MembershipAsync(call, cancellationToken).ConfigureAwait(false),
            CallKind.Lookup => throw new ArgumentException("a lookup goes through LookupAsync", nameof(call)),
            _ => throw new NotSupportedException($"Marketo has no {call.Kind} call: its lists take additions and removals in separate calls"),
        };
        return new CallResult(outcomes);
    }

    /// <inheritdoc />
    public void Dispose() => _tokens.Dispose();

    /// <summary>Marketo's capabilities (<see cref="MarketoService.Capabilities"/>) with every batch at most <paramref name="batch"/>.</summary>
    private static ServiceCapabilities CapabilitiesFor(int batch)
    {
        var known = MarketoService.Capabilities;
        if (batch >= 300)
        {
            return known;
        }

        return known with
        {
            Lookup = known.Lookup!.Value with { MaxKeys = batch },
            Delete = known.Delete!.Value with { MaxBatch = batch },
            Update = known.Update!.Value with { MaxBatch = batch },
            Create = known.Create!.Value with { MaxBatch = batch },
            Upsert = known.Upsert!.Value with { MaxBatch = batch },
            Membership = known.Membership with { MaxBatch = batch },
        };
    }
}
