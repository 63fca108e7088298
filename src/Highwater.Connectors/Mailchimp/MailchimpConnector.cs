using System.Security.Cryptography;
using System.Text;
using Highwater.Connectors.Transport;
using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Mailchimp;

/// <summary>
/// The client of one Mailchimp audience. Members are addressed by the MD5 of their lower-cased
/// e-mail, so a write needs no lookup (one is made only where something is in doubt): writes go by batch subscribe (<c>POST /lists/{list_id}</c>, 500
/// members, <c>update_existing</c>); a changed e-mail is a <c>PATCH</c> of the member at the old
/// address; deletes archive or delete permanently; tags change through the tag's static segment or
/// the member's tags, whichever costs fewer requests. Updates and deletes of several members go as
/// one Batch Operation where that costs fewer requests. Every request passes the
/// <see cref="ICallGate"/> first; a 429 (more than 10 connections) is reported to it.
/// </summary>
public sealed partial class MailchimpConnector : IServiceConnector, IFieldDescriber
{
    /// <summary>Segment members or merge fields one page answers (the documented maximum <c>count</c>).</summary>
    public const int MemberPage = 1000;

    private readonly HttpClient _http;
    private readonly MailchimpConnectorOptions _options;
    private readonly ICallGate _gate;
    private readonly TimeProvider _time;
    private readonly ServiceTransport _transport;

    /// <summary>Creates a connector over <paramref name="http"/>; <paramref name="logger"/> hears the transport's signals (a 429, a refused key).</summary>
    /// <exception cref="ArgumentException">The options have problems; the message lists them all (never the key).</exception>
    public MailchimpConnector(HttpClient http, MailchimpConnectorOptions options, ICallGate gate, TimeProvider? time = null, ILogger<MailchimpConnector>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gate);
        var problems = options.Validate();
        if (problems.Count == 0 && options.ApiKey.StartsWith("${", StringComparison.Ordinal))
        {
            problems = ["mailchimp.apiKey: was not resolved (still a reference)"];
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid Mailchimp options: " + string.Join("; ", problems), nameof(options));
        }

        _http = http;
        _options = options;
        _gate = gate;
        _time = time ?? TimeProvider.System;
        _transport = new ServiceTransport(http, gate, MailchimpTransportRules.Create(), new StaticAuthenticator(new MailchimpBasicCredential(options.ApiKey)), logger);
        Capabilities = options.Capabilities();
    }

    /// <inheritdoc />
    public ServiceCapabilities Capabilities { get; }

    /// <summary>A member's address in the API: the MD5 of the lower-cased e-mail, in lower-case hex.</summary>
    public static string SubscriberHash(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
    }

    /// <inheritdoc />
    public async Task<CallResult> ExecuteAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Records.Count > _options.BatchSize)
        {
            throw new ArgumentException($"a Mailchimp call carries at most {_options.BatchSize} members (was {call.Records.Count})", nameof(call));
        }

        var outcomes = call.Kind switch
        {
            CallKind.Upsert or CallKind.Create => await SubscribeAsync(call, cancellationToken).ConfigureAwait(false),
            CallKind.Update => await UpdateAsync(call, cancellationToken).ConfigureAwait(false),
            CallKind.Delete => await DeleteAsync(call, cancellationToken).ConfigureAwait(false),
            CallKind.ListUpdate or CallKind.ListAdd or CallKind.ListRemove => await ChangeTagsAsync(call, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException("a lookup goes through LookupAsync", nameof(call)),
        };
        return new CallResult(outcomes);
    }

    private string Members => $"lists/{Uri.EscapeDataString(_options.ListId)}/members/";
}
