namespace Highwater.Engine.Tests.Identity;

/// <summary>
/// An HTTP handler that fails every write (not a GET) whose body carries a marker
/// (as is, or URL-encoded): <see cref="Refuse"/> answers 503 without the service seeing it;
/// <see cref="CrashAfterApplied"/> lets the first such write reach the service, then stops the
/// sync as a killed process would, before the engine hears the answer. Everything else passes.
/// </summary>
internal sealed class WriteFault : DelegatingHandler
{
    private readonly string _marker;
    private readonly CancellationTokenSource? _crash;
    private int _hits;

    private WriteFault(string marker, CancellationTokenSource? crash)
        : base(new SocketsHttpHandler())
    {
        _marker = marker;
        _crash = crash;
    }

    /// <summary>How many writes carrying the marker it failed.</summary>
    public int Hits => Volatile.Read(ref _hits);

    public static WriteFault Refuse(string marker) => new(marker, null);

    public static WriteFault CrashAfterApplied(string marker, CancellationTokenSource crash) => new(marker, crash);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var hit = false;
        if (request.Method != HttpMethod.Get && request.Content is not null)
        {
            // Reading buffers the content, so it is sent unchanged afterwards.
            var body = await request.Content.ReadAsStringAsync(cancellationToken);
            hit = body.Contains(_marker, StringComparison.OrdinalIgnoreCase) || body.Contains(Uri.EscapeDataString(_marker), StringComparison.OrdinalIgnoreCase);
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
