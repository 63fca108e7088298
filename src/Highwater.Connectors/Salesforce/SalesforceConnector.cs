using Highwater.Connectors.Transport;
using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Highwater.Connectors.Salesforce;

/// <summary>
/// The client of one Salesforce org: Contacts are the records (found by their e-mail through
/// SOQL), Campaigns the lists, CampaignMembers the memberships. Writes go through sObject
/// Collections (200 records a request, <c>allOrNone=false</c>, one result per record in order);
/// every campaign's additions go in one collection create and every removal in one collection
/// delete, after a query of the member ids the batch's lookup did not answer. The session comes from the OAuth client-credentials flow and is renewed
/// before it runs out or when Salesforce answers INVALID_SESSION_ID.
/// </summary>
/// <remarks>
/// Keep one instance per org and run: it holds the session and the campaign ids it resolved.
/// </remarks>
public sealed partial class SalesforceConnector : IServiceConnector, IFieldDescriber
{
    private readonly SalesforceConnectorOptions _options;
    private readonly ILogger _logger;
    private readonly SalesforceSessions _sessions;
    private readonly ServiceTransport _transport;

    /// <summary>Creates a connector over an <see cref="HttpClient"/> (from IHttpClientFactory, or a test's).</summary>
    /// <exception cref="ArgumentException">The options have problems; the message lists them all.</exception>
    public SalesforceConnector(HttpClient http, SalesforceConnectorOptions options, ICallGate gate, TimeProvider? time = null, ILogger<SalesforceConnector>? logger = null)
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
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _sessions = new SalesforceSessions(new ServiceTransport(http, gate, SalesforceTransportRules.Token, null, _logger), options, time ?? TimeProvider.System, _logger);
        _transport = new ServiceTransport(http, gate, SalesforceTransportRules.Rest, _sessions, _logger);
    }

    /// <inheritdoc />
    public ServiceCapabilities Capabilities => _options.Capabilities;

    /// <inheritdoc />
    public Task<CallResult> ExecuteAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Kind switch
        {
            CallKind.Create => CreateAsync(call, cancellationToken),
            CallKind.Update => UpdateAsync(call, cancellationToken),
            CallKind.Delete => DeleteAsync(call, cancellationToken),
            CallKind.ListAdd => AddMembersAsync(call, cancellationToken),
            CallKind.ListRemove => RemoveMembersAsync(call, cancellationToken),
            _ => throw new NotSupportedException($"Salesforce has no {call.Kind} call (capabilities: lookup, delete, update, create, all-lists memberships)"),
        };
    }

    private string DataPath(string rest) => $"services/data/v{_options.ApiVersion}/{rest}";
}
