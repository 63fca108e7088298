using System.Globalization;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;

namespace Highwater.Connectors.Mailchimp;

/// <summary>
/// Mailchimp's answers on the shared transport: 429 (more than 10 simultaneous connections, a
/// problem detail) is a limit, reported as its Retry-After or else as too many at once; 401 refuses
/// the key for good (a key does not expire); 403 is permanent; a 5xx or a lost answer leaves a
/// write's outcome unknown and makes a read transient. Messages carry the problem detail's title and detail.
/// </summary>
internal static class MailchimpTransportRules
{
    /// <summary>The rules of the Marketing API.</summary>
    public static TransportRules Create() => new()
    {
        Service = "Mailchimp",
        DescribeFault = fault => new ServiceCallException(
            $"Mailchimp {fault.Tag.Kind}: the answer was lost ({fault.Exception.Message})",
            fault.Failure,
            null,
            fault.Exception),
        ReadLimit = answer => TransportRules.TooManyRequests(answer, ServiceSignal.TooManyConcurrent()) is { } signal
            ? new ServiceLimit(signal, $"Mailchimp {answer.Tag.Kind}: {Read(answer).Describe()}", "429")
            : null,
        Judge = Judge,
    };

    /// <summary>The answer as the connector reads it, parsed once.</summary>
    public static MailchimpAnswer Read(TransportAnswer answer) =>
        answer.As(a => new MailchimpAnswer(a.Status, MailchimpJson.Parse(a.Body)));

    private static TransportVerdict Judge(TransportAnswer answer) => answer.Status switch
    {
        401 => TransportVerdict.Fail(new ServiceCallException($"credentials refused ({Read(answer).Describe()}; check the API key and its data centre)", ServiceCallFailure.Unauthorized, "401")),
        403 => TransportVerdict.Fail(new ServiceCallException($"Mailchimp refused the {answer.Tag.Kind} request ({Read(answer).Describe()}); the key's user may lack access to the audience", ServiceCallFailure.Permanent, "403")),
        >= 500 => TransportVerdict.Fail(new ServiceCallException($"Mailchimp {answer.Tag.Kind}: {Read(answer).Describe()}", answer.LostFailure, answer.Status.ToString(CultureInfo.InvariantCulture))),
        _ => TransportVerdict.Accept,
    };
}
