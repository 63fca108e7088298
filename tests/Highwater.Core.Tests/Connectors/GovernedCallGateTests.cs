using Highwater.Connectors.Marketo;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Microsoft.Extensions.Time.Testing;

namespace Highwater.Core.Tests.Connectors;

/// <summary>Issue 15, item 1: the gate never sleeps through a spent day (it hung 19 hours); it says until when instead.</summary>
public class GovernedCallGateTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 20, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ChicagoMidnight = new(2026, 1, 16, 6, 0, 0, TimeSpan.Zero);
    private static readonly CallTag Lookup = CallTag.Data(Highwater.Core.Planning.CallKind.Lookup);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryQuotaLedger _ledger = new();

    private GovernedCallGate Marketo() => new(new RateGovernor(new RatePolicy(MarketoService.Policy("marketo-1")), _ledger, _time));

    [Fact]
    public async Task Enter_DailyQuotaReached_ThrowsQuotaSpentUntilTheReset_WithoutWaitingOrCounting()
    {
        var gate = Marketo();
        await gate.Governor.ReportAsync(ServiceSignal.QuotaReached(), CancellationToken.None);

        var enter = gate.EnterAsync(Lookup, CancellationToken.None).AsTask();

        Assert.True(enter.IsCompleted, "the gate waits for the reset instead of answering");
        var spent = await Assert.ThrowsAsync<ServiceCallException>(() => enter);
        Assert.Equal((ServiceCallFailure.QuotaSpent, ChicagoMidnight, "day"), (spent.Failure, spent.RetryAt, spent.Window));
        Assert.True(spent.StopsDestination);
        Assert.Equal("the quota of window 'day' is spent until 2026-01-16T06:00:00Z", spent.Message);
        Assert.Equal(0, gate.Tally.DataCalls);
    }

    [Fact]
    public async Task Enter_RetryAfterOfHours_IsAQuotaSpent_AShortOneIsWaitedOut()
    {
        var gate = Marketo();
        await gate.Governor.ReportAsync(ServiceSignal.Retry(TimeSpan.FromHours(4)), CancellationToken.None);

        var spent = await Assert.ThrowsAsync<ServiceCallException>(() => gate.EnterAsync(Lookup, CancellationToken.None).AsTask());
        Assert.Equal((ServiceCallFailure.QuotaSpent, Start.AddHours(4), (string?)null), (spent.Failure, spent.RetryAt, spent.Window));

        _time.Advance(TimeSpan.FromHours(4));
        await gate.Governor.ReportAsync(ServiceSignal.Retry(TimeSpan.FromSeconds(30)), CancellationToken.None);
        var enter = gate.EnterAsync(Lookup, CancellationToken.None).AsTask();
        Assert.False(enter.IsCompleted, "a 30 s Retry-After must be waited out, not reported as a spent quota");
        _time.Advance(TimeSpan.FromSeconds(30));
        using var ticket = await enter.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, gate.Tally.DataCalls);
    }
}
