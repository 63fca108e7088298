using Highwater.Core.Connectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Highwater.Connectors.Transport;

/// <summary>
/// The one way a connector sends a request: through a chain of handlers, outermost first,
/// <see cref="AuthenticationHandler"/> (credentials, one refresh) → <see cref="CallGateHandler"/>
/// (a gate ticket for each request sent) → <see cref="FailureClassificationHandler"/> (lost,
/// time-out, the service's failures) → <see cref="ServiceSignalHandler"/> (usage and limits told
/// to the governor) → the connector's <see cref="HttpClient"/>. The service supplies only its
/// <see cref="TransportRules"/> and, when it authenticates, an <see cref="ITransportAuthenticator"/>.
/// </summary>
/// <remarks>Thread-safe; one per service endpoint and connector. Nothing in it needs disposing: the HttpClient stays the caller's.</remarks>
internal sealed class ServiceTransport
{
    private readonly AuthenticationHandler _chain;

    public ServiceTransport(HttpClient http, ICallGate gate, TransportRules rules, ITransportAuthenticator? authenticator = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(rules);
        var log = logger ?? NullLogger.Instance;
        Rules = rules;
        _chain = new AuthenticationHandler(authenticator, rules, log)
        {
            InnerHandler = new CallGateHandler(gate)
            {
                InnerHandler = new FailureClassificationHandler(rules, log)
                {
                    InnerHandler = new ServiceSignalHandler(rules, log)
                    {
                        InnerHandler = new HttpClientForwarder(http),
                    },
                },
            },
        };
    }

    /// <summary>The service's rules.</summary>
    public TransportRules Rules { get; }

    /// <summary>
    /// Sends the request <paramref name="build"/> makes (called once more for the resend after a
    /// refresh) and answers it, unless it failed as a whole: then a <see cref="ServiceCallException"/>.
    /// </summary>
    /// <param name="tag">What the request is, for the gate and messages.</param>
    /// <param name="build">Makes the request, without credentials; a relative URI is for the credentials to place.</param>
    /// <param name="mayApply">Whether the request changes data, so that a lost answer leaves its effect unknown.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<TransportAnswer> SendAsync(CallTag tag, Func<HttpRequestMessage> build, bool mayApply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        using var request = build();
        request.Options.Set(TransportRequest.Tag, tag);
        request.Options.Set(TransportRequest.MayApply, mayApply);
        request.Options.Set(TransportRequest.Build, build);
        using var response = await _chain.SendThroughAsync(request, cancellationToken).ConfigureAwait(false);
        var sent = response.RequestMessage ?? request;
        try
        {
            return sent.Options.TryGetValue(TransportRequest.Answer, out var answer)
                ? answer
                : throw new InvalidOperationException("the transport's chain answered without reading the answer");
        }
        finally
        {
            if (!ReferenceEquals(sent, request))
            {
                sent.Dispose();
            }
        }
    }
}
