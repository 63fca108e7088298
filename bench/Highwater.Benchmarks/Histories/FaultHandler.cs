using System.Text.Json.Nodes;

namespace Highwater.Benchmarks.Histories;

/// <summary>
/// The engine's HTTP handler in a history: it numbers the calls of a sync, arms the simulator's
/// own fault injection around the armed call (a server error or a dropped answer at rate 1 for
/// that one call; the engine runs one call at a time, so no other call meets it), expires tokens
/// or spends the day's quota just before it, turns an applied call's answer into the timeout
/// HttpClient would raise, and crashes the engine at a call: the call then never returns, as in a
/// process that died there (before the request went out, or after the service applied it).
/// Every call that ends calls <paramref name="callEnded"/> (the clock's driver may move on).
/// </summary>
internal sealed class FaultHandler(Func<JsonObject, Task> setFaults, long dailyQuota, Action callEnded) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly TaskCompletionSource _crashed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Dictionary<int, HistoryMix> _faults = [];
    private ArmedFault? _crash;
    private int _calls;
    private int _inFlight;

    /// <summary>Calls waiting for an answer now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Completes when the engine crashed at its armed call.</summary>
    public Task Crashed => _crashed.Task;

    /// <summary>Calls sent since the last <see cref="Arm"/>.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Arms the faults and crash of the next sync; its calls count from 0.</summary>
    public void Arm(SyncStep? step)
    {
        _faults = step?.Faults.ToDictionary(f => f.Call, f => f.Kind) ?? [];
        _crash = step?.Crash;
        Volatile.Write(ref _calls, 0);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls) - 1;
        Interlocked.Increment(ref _inFlight);
        try
        {
            if (_crash is { Kind: HistoryMix.CrashBeforeCall } before && before.Call == call)
            {
                await DieAsync().ConfigureAwait(false);
            }

            var fault = _faults.GetValueOrDefault(call);
            var requestBody = Trace && request.Content is { } content ? await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false) : null;
            var response = await FaultedSendAsync(fault, request, cancellationToken).ConfigureAwait(false);
            if (Trace)
            {
                await TraceAsync(call, fault, request, requestBody, response, cancellationToken).ConfigureAwait(false);
            }

            if (_crash is { Kind: HistoryMix.CrashAfterCall } after && after.Call == call)
            {
                response.Dispose();
                await DieAsync().ConfigureAwait(false);
            }

            return response;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            callEnded();
        }
    }

    private async Task<HttpResponseMessage> FaultedSendAsync(HistoryMix fault, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        switch (fault)
        {
            case HistoryMix.ServerError:
            case HistoryMix.DroppedAnswer:
                var rate = fault == HistoryMix.ServerError ? "serverErrorRate" : "dropRate";
                await setFaults(new JsonObject { [rate] = 1.0 }).ConfigureAwait(false);
                try
                {
                    return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await setFaults(new JsonObject { [rate] = 0.0 }).ConfigureAwait(false);
                }

            case HistoryMix.Timeout:
                (await base.SendAsync(request, cancellationToken).ConfigureAwait(false)).Dispose();
                throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException("The operation was canceled."));
            case HistoryMix.TokenExpiry:
                await setFaults(new JsonObject { ["expireTokens"] = true }).ConfigureAwait(false);
                break;
            case HistoryMix.Quota:
                await setFaults(new JsonObject { ["spentToday"] = dailyQuota }).ConfigureAwait(false);
                break;
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>HIGHWATER_HISTORY_TRACE=1</c>: every call of a failing history's last replay on stderr (number, fault,
    /// request, answer), to read what the engine asked and what the service did.
    /// </summary>
    public static bool Trace { get; set; }

    /// <summary>Whether the campaign traces the replay of each failing (shrunk) history.</summary>
    public static bool TraceRequested { get; } = Environment.GetEnvironmentVariable("HIGHWATER_HISTORY_TRACE") == "1";

    /// <summary>A line of the trace (a step of the history), when tracing.</summary>
    public static void TraceLine(string line)
    {
        if (Trace)
        {
            Console.Error.WriteLine(line);
        }
    }

    private static async Task TraceAsync(int call, HistoryMix fault, HttpRequestMessage request, string? requestBody, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var faultText = fault == default ? "" : $" [{fault}]";
        await Console.Error.WriteLineAsync($"  call {call}{faultText}: {request.Method} {request.RequestUri?.PathAndQuery} {Clip(requestBody)}\n    -> {(int)response.StatusCode} {Clip(answer)}").ConfigureAwait(false);
    }

    private static string Clip(string? text) => text is null ? "" : text.Length <= 600 ? text : text[..600] + "…";

    /// <summary>The process dies here: nothing after this point of the engine ever runs.</summary>
    private Task DieAsync()
    {
        _crashed.TrySetResult();
        return new TaskCompletionSource().Task;
    }
}
