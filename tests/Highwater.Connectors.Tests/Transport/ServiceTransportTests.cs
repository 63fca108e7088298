using System.Text;
using Highwater.Connectors.Marketo;
using Highwater.Connectors.Transport;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Highwater.Core.Planning;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Connectors.Tests.Transport;

/// <summary>
/// The shared transport against a real HTTP server on 127.0.0.1: one refresh then Unauthorized,
/// limits turned into governor signals, lost answers and time-outs classified, one gate ticket a request.
/// </summary>
public sealed class ServiceTransportTests : IAsyncLifetime
{
    private static readonly CallTag Lookup = CallTag.Data(CallKind.Lookup);
    private static readonly CallTag Update = CallTag.Data(CallKind.Update);

    /// <summary>A service whose 401 asks for fresh credentials, as Marketo's 601 or Salesforce's INVALID_SESSION_ID do.</summary>
    private static readonly TransportRules Refreshing = new()
    {
        Service = "Test",
        Judge = a => a.Status == 401
            ? TransportVerdict.CredentialsRefused(new ServiceCallException("credentials refused (HTTP 401, with a fresh token)", ServiceCallFailure.Unauthorized, "401"))
            : TransportVerdict.Accept,
    };

    private static readonly TransportRules Plain = new() { Service = "Test" };

    private readonly RecordingCallGate _gate = new();
    private readonly HttpClient _http = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Send_TokenRefusedEveryTime_RefreshesOnceThenFailsUnauthorized()
    {
        _server.Answer = c => Status(c, 401);
        var auth = new CountingAuthenticator();
        var transport = new ServiceTransport(_http, _gate, Refreshing, auth);

        var e = await Assert.ThrowsAsync<ServiceCallException>(() => transport.SendAsync(Lookup, Get("leads"), mayApply: false, CancellationToken.None));

        Assert.Equal((ServiceCallFailure.Unauthorized, "401", "credentials refused (HTTP 401, with a fresh token)"), (e.Failure, e.Code, e.Message));
        Assert.Equal(["Bearer t1", "Bearer t2"], _server.Seen.Select(s => s.Authorization));
        Assert.Equal(2, auth.Issued);
        Assert.Equal(["t1"], auth.Invalidated);
        Assert.Equal(["enter 1 lookup", "dispose 1", "enter 2 lookup", "dispose 2"], _gate.Events);
    }

    [Fact]
    public async Task Send_TokenRefusedOnce_ResendsTheSameRequestOnceWithTheFreshToken()
    {
        _server.Answer = c => c.Request.Headers.Authorization == "Bearer t1" ? Status(c, 401) : c.Response.WriteAsync("{\"ok\":true}");
        var auth = new CountingAuthenticator();
        var transport = new ServiceTransport(_http, _gate, Refreshing, auth);

        var answer = await transport.SendAsync(Update, Post("leads", "{\"id\":7}"), mayApply: true, CancellationToken.None);

        Assert.Equal((200, "{\"ok\":true}"), (answer.Status, answer.Body));
        Assert.Equal([("/leads", "Bearer t1", "{\"id\":7}"), ("/leads", "Bearer t2", "{\"id\":7}")], _server.Seen);
        Assert.Equal(["enter 1 update", "dispose 1", "enter 2 update", "dispose 2"], _gate.Events);
    }

    [Fact]
    public async Task Send_CredentialsThatNeverChangeRefused_FailsAtOnceWithoutResending()
    {
        _server.Answer = c => Status(c, 401);
        var transport = new ServiceTransport(_http, _gate, Refreshing, new StaticAuthenticator(new BearerCredential("fixed")));

        var e = await Assert.ThrowsAsync<ServiceCallException>(() => transport.SendAsync(Lookup, Get("leads"), mayApply: false, CancellationToken.None));

        Assert.Equal(ServiceCallFailure.Unauthorized, e.Failure);
        Assert.Equal(["Bearer fixed"], _server.Seen.Select(s => s.Authorization));
    }

    [Fact]
    public async Task Send_401WithDefaultRules_IsUnauthorizedWithoutRefresh()
    {
        _server.Answer = c => Status(c, 401);
        var auth = new CountingAuthenticator();
        var transport = new ServiceTransport(_http, _gate, Plain, auth);

        var e = await Assert.ThrowsAsync<ServiceCallException>(() => transport.SendAsync(Lookup, Get("leads"), mayApply: false, CancellationToken.None));

        Assert.Equal((ServiceCallFailure.Unauthorized, "credentials refused (HTTP 401)"), (e.Failure, e.Message));
        Assert.Single(_server.Seen);
        Assert.Empty(auth.Invalidated);
    }

    [Fact]
    public async Task Send_429WithRetryAfterSeconds_ReportsTheDelayOnItsTicket_AndFailsRateLimited()
    {
        _server.Answer = c =>
        {
            c.Response.Headers.RetryAfter = "7";
            return Status(c, 429);
        };
        var transport = new ServiceTransport(_http, _gate, Plain);

        var e = await Assert.ThrowsAsync<ServiceCallException>(() => transport.SendAsync(Lookup, Get("leads"), mayApply: false, CancellationToken.None));

        Assert.Equal((ServiceCallFailure.RateLimited, "429", "Test answered HTTP 429 to the lookup request"), (e.Failure, e.Code, e.Message));
        Assert.Equal([ServiceSignal.Retry(TimeSpan.FromSeconds(7))], _gate.Signals);
        Assert.Equal(["enter 1 lookup", "report 1 RetryAfter", "dispose 1"], _gate.Events);
    }

    [Fact]
    public async Task Send_429WithRetryAfterDate_ReportsTheInstant()
    {
        var until = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        _server.Answer = c =>
        {
            c.Response.Headers.RetryAfter = until.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return Status(c, 429);
        };
        var transport = new ServiceTransport(_http, _gate, Plain);

        var e = await Assert.ThrowsAsync<ServiceCallException>(() => transport.SendAsync(Lookup, Get("leads"), mayApply: false, CancellationToken.None));

        Assert.Equal(ServiceCallFailure.RateLimited, e.Failure);
        Assert.Equal([ServiceSignal.RetryAt(until)], _gate.Signals);
    }

    [Fact]
    public async Task Send_429WithRetryAfter_TheGovernorHoldsTheNextCallUntilThen()
    {
        var start = new DateTimeOffset(2026, 3, 3, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        var gate = new GovernedCallGate(new RateGovernor(new RatePolicy(MarketoService.Policy("marketo-1")), new InMemoryQuotaLedger(), time));
        _server.Answer = c =>
        {
            c.Response.Headers.RetryAfter = "30";
            return Status(c, 429);
        };
        var transport = new ServiceTransport(_http, gate, Plain);

        var e = await Assert.ThrowsAsync<ServiceCallException>(() => transport.SendAsync(Lookup, Get("leads"), mayApply: false, CancellationToken.None));

        Assert.Equal(ServiceCallFailure.RateLimited, e.Failure);
        var decision = await gate.Governor.TryAcquireAsync(1, CancellationToken.None);
        Assert.Equal((false, start.AddSeconds(30), GovernorWaitReason.RetryAfter), (decision.IsGo, decision.Until, decision.Reason));
        Assert.Equal(1, gate.Tally.DataCalls);
    }

    [Theory]
    [InlineData("606", ServiceSignalKind.RateWindowExceeded)]
    [InlineData("607", ServiceSignalKind.QuotaReached)]
    [InlineData("615", ServiceSignalKind.TooManyConcurrent)]
    public async Task Send_MarketoLimitCodeInA200_BecomesTheGovernorsSignal(string code, ServiceSignalKind kind)
    {
        _server.Answer = c => c.Response.WriteAsync($"{{\"success\":false,\"errors\":[{{\"code\":\"{code}\",\"message\":\"limit\"}}]}}");
        var transport = new ServiceTransport(_http, _gate, MarketoTransportRules.Rest, new StaticAuthenticator(new BearerCredential("t")));

        var e = await Assert.ThrowsAsync<ServiceCallException>(() => transport.SendAsync(Lookup, Get("rest/v1/leads.json"), mayApply: false, CancellationToken.None));

        Assert.Equal((ServiceCallFailure.RateLimited, code, $"Marketo refused the request: {code} limit"), (e.Failure, e.Code, e.Message));
        Assert.Equal([kind], _gate.Signals.Select(s => s.Kind));
    }

    [Fact]
    public async Task Send_UsageOnEveryAnswer_IsReportedOnTheTicketBeforeItIsReturned()
    {
        _server.Answer = c =>
        {
            c.Response.Headers["X-Used"] = "41";
            return c.Response.WriteAsync("{}");
        };
        var rules = new TransportRules
        {
            Service = "Test",
            ReadUsage = a => a.Headers.TryGetValues("X-Used", out var v) ? ServiceSignal.Usage(long.Parse(v.Single(), System.Globalization.CultureInfo.InvariantCulture)) : null,
        };
        var transport = new ServiceTransport(_http, _gate, rules);

        var answer = await transport.SendAsync(Lookup, Get("leads"), mayApply: false, CancellationToken.None);

        Assert.Equal(200, answer.Status);
        Assert.Equal(["enter 1 lookup", "report 1 UsageReported", "dispose 1"], _gate.Events);
        Assert.Equal(41, _gate.Signals.Single().Used);
    }

    [Fact]
    public async Task Send_NothingListening_IsUnreachable_TransientAndNothingSent()
    {
        var closed = _server.BaseAddress;
        await _server.DisposeAsync();
        _server = await LoopbackServer.StartAsync();
        var transport = new ServiceTransport(_http, _gate, Plain);

        var e = await Assert.ThrowsAsync<ServiceCallException>(() => transport.SendAsync(Update, () => new HttpRequestMessage(HttpMethod.Get, new Uri(closed, "leads")), mayApply: true, CancellationToken.None));

        Assert.Equal((ServiceCallFailure.Transient, "could not reach Test for the update request; nothing was sent"), (e.Failure, e.Message));
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Equal(["enter 1 update", "dispose 1"], _gate.Events);
    }

    [Theory]
    [InlineData(true, ServiceCallFailure.Unknown, "); it may or may not have been applied")]
    [InlineData(false, ServiceCallFailure.Transient, ")")]
    public async Task Send_ConnectionDroppedBeforeTheAnswer_IsLost(bool mayApply, ServiceCallFailure failure, string ending)
    {
        _server.Answer = c =>
        {
            c.Abort();
            return Task.CompletedTask;
        };
        var transport = new ServiceTransport(_http, _gate, Plain);

        var e = await Assert.ThrowsAsync<ServiceCallException>(() => transport.SendAsync(Update, Post("leads", "{}"), mayApply, CancellationToken.None));

        Assert.Equal(failure, e.Failure);
        var inner = Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Equal($"the answer to the Test update request was lost ({inner.HttpRequestError}{ending}", e.Message);
        Assert.Single(_server.Seen);
    }

    [Fact]
    public async Task Send_NoAnswerWithinTheClientTimeout_IsTimedOut_Unknown()
    {
        var release = new TaskCompletionSource();
        _server.Answer = async c =>
        {
            await release.Task.WaitAsync(c.RequestAborted);
            await c.Response.WriteAsync("{}");
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        var transport = new ServiceTransport(http, _gate, Plain);
        try
        {
            var e = await Assert.ThrowsAsync<ServiceCallException>(() => transport.SendAsync(Update, Post("leads", "{}"), mayApply: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

            Assert.Equal((ServiceCallFailure.Unknown, "the Test update request timed out; it may or may not have been applied"), (e.Failure, e.Message));
            Assert.IsAssignableFrom<OperationCanceledException>(e.InnerException);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task Send_CallerCancels_IsACancellationNotAFailure()
    {
        var arrived = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        _server.Answer = async c =>
        {
            arrived.TrySetResult();
            await release.Task.WaitAsync(c.RequestAborted);
        };
        var transport = new ServiceTransport(_http, _gate, Plain);
        using var cancel = new CancellationTokenSource();
        try
        {
            var send = transport.SendAsync(Lookup, Get("leads"), mayApply: false, cancel.Token);
            await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await cancel.CancelAsync();

            var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(cancel.Token, e.CancellationToken);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Theory]
    [InlineData(true, ServiceCallFailure.Unknown)]
    [InlineData(false, ServiceCallFailure.Transient)]
    public async Task Send_5xx_IsALostAnswer(bool mayApply, ServiceCallFailure failure)
    {
        _server.Answer = c => Status(c, 502);
        var transport = new ServiceTransport(_http, _gate, Plain);

        var e = await Assert.ThrowsAsync<ServiceCallException>(() => transport.SendAsync(Update, Post("leads", "{}"), mayApply, CancellationToken.None));

        Assert.Equal((failure, "502"), (e.Failure, e.Code));
        Assert.StartsWith("Test answered HTTP 502 to the update request", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_GateRefuses_NothingIsSentAndItsFailurePassesUnchanged()
    {
        var spent = new ServiceCallException("the quota of window 'day' is spent until 2026-12-08T06:00:00Z", ServiceCallFailure.QuotaSpent);
        var transport = new ServiceTransport(_http, new RefusingGate(spent), Plain, new CountingAuthenticator());

        var e = await Assert.ThrowsAsync<ServiceCallException>(() => transport.SendAsync(Lookup, Get("leads"), mayApply: false, CancellationToken.None));

        Assert.Same(spent, e);
        Assert.Empty(_server.Seen);
    }

    [Fact]
    public async Task Send_ThreeRequests_TakeOneTicketEach()
    {
        var transport = new ServiceTransport(_http, _gate, Plain, new CountingAuthenticator());

        for (var i = 0; i < 3; i++)
        {
            await transport.SendAsync(Lookup, Get("leads"), mayApply: false, CancellationToken.None);
        }

        Assert.Equal(["enter 1 lookup", "dispose 1", "enter 2 lookup", "dispose 2", "enter 3 lookup", "dispose 3"], _gate.Events);
        Assert.Equal(3, _server.Seen.Count);
    }

    private static Task Status(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private Func<HttpRequestMessage> Get(string path) => () => new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseAddress, path));

    private Func<HttpRequestMessage> Post(string path, string json) => () => new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseAddress, path))
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };

    private sealed class RefusingGate(ServiceCallException failure) : ICallGate
    {
        public ValueTask<ICallTicket> EnterAsync(CallTag tag, CancellationToken cancellationToken) => ValueTask.FromException<ICallTicket>(failure);
    }
}
