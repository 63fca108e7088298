namespace Highwater.Engine.Tests.Running;

/// <summary>
/// An HTTP handler that holds the answer of the first write (not a GET) whose body carries
/// <paramref name="marker"/>: the service has applied or refused the call, and its answer stays
/// in flight until the test releases it. Everything else passes straight through.
/// </summary>
internal sealed class HeldAnswer(string marker) : DelegatingHandler(new SocketsHttpHandler())
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _holding;

    /// <summary>Waits until the write is held (a minute at most, then fails saying so).</summary>
    public async Task WaitHeldAsync()
    {
        try
        {
            await _arrived.Task.WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no write carrying '{marker}' reached the service within {Limit.TotalSeconds:N0} s");
        }
    }

    /// <summary>Lets the held answer go on to the engine.</summary>
    public void Release() => _released.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var hold = false;
        if (request.Method != HttpMethod.Get && request.Content is not null && Volatile.Read(ref _holding) == 0)
        {
            // Reading buffers the content, so it is sent unchanged afterwards.
            var body = await request.Content.ReadAsStringAsync(cancellationToken);
            hold = body.Contains(marker, StringComparison.Ordinal) && Interlocked.Exchange(ref _holding, 1) == 0;
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (hold)
        {
            _arrived.TrySetResult();
            await _released.Task.WaitAsync(Limit, cancellationToken);
        }

        return response;
    }
}
