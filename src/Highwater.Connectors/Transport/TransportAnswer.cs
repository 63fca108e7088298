using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Transport;

/// <summary>
/// One answer as the transport read it: status, headers and the whole body as text, with the
/// request it answers. A service's rules read it to find its signals and failures; the connector
/// reads what is left.
/// </summary>
internal sealed class TransportAnswer
{
    private object? _parsed;
    private bool _jsonRead;
    private JsonNode? _json;
    private JsonException? _jsonError;

    public TransportAnswer(CallTag tag, bool mayApply, int status, HttpResponseHeaders headers, string? mediaType, string body)
    {
        Tag = tag;
        MayApply = mayApply;
        Status = status;
        Headers = headers;
        MediaType = mediaType;
        Body = body;
    }

    /// <summary>What the request was, for messages.</summary>
    public CallTag Tag { get; }

    /// <summary>Whether the request changes data, so that a lost answer leaves its effect unknown.</summary>
    public bool MayApply { get; }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The response headers (Retry-After, usage headers).</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>The body's media type, when the answer named one.</summary>
    public string? MediaType { get; }

    /// <summary>The body as text; empty for none.</summary>
    public string Body { get; }

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>What a lost answer to this request means: <see cref="ServiceCallFailure.Unknown"/> when it may have applied.</summary>
    public ServiceCallFailure LostFailure => MayApply ? ServiceCallFailure.Unknown : ServiceCallFailure.Transient;

    /// <summary>The status as text (<c>"503"</c>), the code of a failure that has no other.</summary>
    public string StatusCode => Status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The body parsed as JSON once; null for a body that is not JSON (see <see cref="JsonError"/>) or the literal null.</summary>
    public JsonNode? Json
    {
        get
        {
            ReadJson();
            return _json;
        }
    }

    /// <summary>Why the body is not JSON, when it is not.</summary>
    public JsonException? JsonError
    {
        get
        {
            ReadJson();
            return _jsonError;
        }
    }

    /// <summary>
    /// A service's own reading of the answer, made once by <paramref name="read"/> and kept, so
    /// that its rules and its connector do not parse the same body twice.
    /// </summary>
    public T As<T>(Func<TransportAnswer, T> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        if (_parsed is T known)
        {
            return known;
        }

        var made = read(this);
        _parsed = made;
        return made;
    }

    private void ReadJson()
    {
        if (_jsonRead)
        {
            return;
        }

        try
        {
            _json = JsonNode.Parse(Body);
        }
        catch (JsonException e)
        {
            _jsonError = e;
        }

        _jsonRead = true;
    }
}
