using Highwater.Core.Connectors;

namespace Highwater.Connectors.Transport;

/// <summary>What the handlers of the chain tell each other about one request, in its options.</summary>
internal static class TransportRequest
{
    public static readonly HttpRequestOptionsKey<CallTag> Tag = new("Highwater.Transport.Tag");

    public static readonly HttpRequestOptionsKey<bool> MayApply = new("Highwater.Transport.MayApply");

    /// <summary>Makes the request again, for the resend after a refresh (a sent request cannot be sent twice).</summary>
    public static readonly HttpRequestOptionsKey<Func<HttpRequestMessage>> Build = new("Highwater.Transport.Build");

    /// <summary>The gate's ticket for this request, on which signals are reported.</summary>
    public static readonly HttpRequestOptionsKey<ICallTicket> Ticket = new("Highwater.Transport.Ticket");

    /// <summary>The answer as read by the signal handler.</summary>
    public static readonly HttpRequestOptionsKey<TransportAnswer> Answer = new("Highwater.Transport.Answer");

    public static CallTag TagOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Tag, out var tag) ? tag : throw new InvalidOperationException("a request reached the transport without its call tag");

    public static bool MayApplyOf(HttpRequestMessage request) => request.Options.TryGetValue(MayApply, out var may) && may;

    /// <summary>A fresh request from the same builder, carrying the same tag and builder.</summary>
    public static HttpRequestMessage Rebuild(HttpRequestMessage sent)
    {
        if (!sent.Options.TryGetValue(Build, out var build))
        {
            throw new InvalidOperationException("a request to be sent again has no builder");
        }

        var again = build();
        again.Options.Set(Tag, TagOf(sent));
        again.Options.Set(MayApply, MayApplyOf(sent));
        again.Options.Set(Build, build);
        return again;
    }
}
