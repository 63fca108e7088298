namespace Highwater.Engine.Tests.Identity;

/// <summary>
/// An HTTP handler that fails every matching write (not a GET): one whose body carries a marker (as
/// is, or URL-encoded), or a delete of a record: <see cref="Refuse"/> answers 503 without the
/// service seeing it; the crashes let the first such write reach the service, then stop the sync as
/// a killed process would, before the engine hears the answer. Everything else passes.
/// </summary>
internal sealed class WriteFault : DelegatingHandler
{
    private readonly Func<HttpRequestMessage, string, bool> _matches;
    private readonly CancellationTokenSource? _crash;
    private int _hits;

    private WriteFault(Func<HttpRequestMessage, string, bool> matches, CancellationTokenSource? crash)
        : base(new SocketsHttpHandler())
    {
        _matches = matches;
        _crash = crash;
    }

    /// <summary>How many writes carrying the marker it failed.</summary>
    public int Hits => Volatile.Read(ref _hits);

    public static WriteFault Refuse(string marker) => new((_, body) => Carries(body, marker), null);

    public static WriteFault CrashAfterApplied(string marker, CancellationTokenSource crash) => new((_, body) => Carries(body, marker), crash);

    /// <summary>Crashes after the service applied a delete of record <paramref name="remoteId"/> (named in its address or its body).</summary>
    public static WriteFault CrashAfterDelete(string remoteId, CancellationTokenSource crash) =>
        new((request, body) => (request.Method == HttpMethod.Delete || request.RequestUri!.AbsolutePath.Contains("delete", StringComparison.OrdinalIgnoreCase))
            && (request.RequestUri!.ToString().Contains(remoteId, StringComparison.Ordinal) || body.Contains(remoteId, StringComparison.Ordinal)), crash);

    /// <summary>The service is down: every call (sign-in, lists, lookups, writes) answers 503 without reaching it.</summary>
    public static WriteFault Down() => new((_, _) => true, null) { _everyCall = true };

    private bool _everyCall;

    private static bool Carries(string body, string marker) =>
        body.Contains(marker, StringComparison.OrdinalIgnoreCase) || body.Contains(Uri.EscapeDataString(marker), StringComparison.OrdinalIgnoreCase);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var hit = _everyCall;
        if (!hit && request.Method != HttpMethod.Get)
        {
            // Reading buffers the content, so it is sent unchanged afterwards.
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            hit = _matches(request, body);
        }

        if (!hit)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (_crash is null)
        {
            Interlocked.Increment(ref _hits);
            return new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new StringContent("") };
        }

        if (Interlocked.Increment(ref _hits) > 1)
        {
            throw new OperationCanceledException("the process was killed");
        }

        using var applied = await base.SendAsync(request, cancellationToken);
        await _crash.CancelAsync();
        throw new OperationCanceledException("the process was killed after the service applied the call", _crash.Token);
    }
}
