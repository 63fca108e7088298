using Highwater.Core.Governor;

namespace Highwater.Core.Tests.Governor;

/// <summary>A rolling 24 hours (Salesforce's org-wide allocation), counted in the ledger in 15-minute buckets.</summary>
public class LongRollingWindowTests : GovernorWindowTests
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private static readonly TimeSpan Bucket = TimeSpan.FromMinutes(15);

    protected override RatePolicyOptions Options(long limit, double reserveShare)
    {
        var options = new RatePolicyOptions { Account = "salesforce-1" };
        options.RollingWindows.Add(new RollingWindowOptions { Name = "w", Limit = limit, Length = Day, ReserveShare = reserveShare });
        return options;
    }

    [Fact]
    public async Task TryAcquire_WindowFull_WaitsUntilTheOldestBucketFallsOut()
    {
        var governor = Governor(10);
        Time.Advance(TimeSpan.FromMinutes(7));
        await SpendAsync(governor, 4);
        Time.Advance(TimeSpan.FromHours(3));
        await SpendAsync(governor, 6);

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);

        // Calls made 7 minutes into the bucket count until the whole bucket is 24 hours old: an
        // over-count of up to one bucket, never an under-count.
        Assert.Equal(Start + Bucket + Day, decision.Until);
    }

    [Fact]
    public async Task TryAcquire_RandomTrafficOverThreeDays_NeverMoreThanTheUsableShareInAny24Hours()
    {
        var governor = Governor(1_000, reserveShare: 0.2);
        var random = new Random(7);
        var granted = new List<(DateTimeOffset At, int Calls)>();

        while (Time.GetUtcNow() < Start + (3 * Day))
        {
            Time.Advance(TimeSpan.FromSeconds(random.Next(0, 600)));
            var calls = random.Next(1, 30);
            var decision = await governor.TryAcquireAsync(calls, CancellationToken.None);
            if (decision.IsGo)
            {
                granted.Add((Time.GetUtcNow(), calls));
                decision.Lease.Dispose();
            }
        }

        AssertNoIntervalHoldsMore(granted, Day, 800);

        Assert.True(granted.Sum(g => g.Calls) > 0.9 * 3 * 800);
    }

    [Fact]
    public async Task TwoGovernors_SharingOneLedgerOverThreeDays_NeverOverrunAny24HoursTogether()
    {
        // Each worker's cached count of the current bucket goes stale as the other spends in it; the
        // closed buckets are read again once they close, so the sum stays whole.
        var workers = new[] { Governor(1_000, reserveShare: 0.2), Governor(1_000, reserveShare: 0.2) };
        var random = new Random(11);
        var granted = new List<(DateTimeOffset At, int Calls)>();

        while (Time.GetUtcNow() < Start + (3 * Day))
        {
            Time.Advance(TimeSpan.FromSeconds(random.Next(0, 300)));
            var decision = await workers[random.Next(2)].TryAcquireAsync(random.Next(1, 20), CancellationToken.None);
            if (decision.IsGo)
            {
                granted.Add((Time.GetUtcNow(), decision.Lease.Calls));
                decision.Lease.Dispose();
            }
        }

        AssertNoIntervalHoldsMore(granted, Day, 800);

        Assert.True(granted.Sum(g => g.Calls) > 0.9 * 3 * 800);
    }

    [Fact]
    public async Task TryAcquire_AfterARestart_RemembersTheLast24Hours()
    {
        var before = Governor(10);
        await SpendAsync(before, 3);
        Time.Advance(TimeSpan.FromHours(5));
        await SpendAsync(before, 3);
        Time.Advance(TimeSpan.FromHours(5));

        var after = Governor(10);

        await SpendAsync(after, 4);
        Assert.Equal(Start + Bucket + Day, (await after.TryAcquireAsync(1, CancellationToken.None)).Until);
    }

    [Fact]
    public async Task Report_QuotaReached_WithNothingKnown_PausesUntilTheDaysCallsSpreadOverItFallBelowTheUsableShare()
    {
        var governor = Governor(100_000, reserveShare: 0.2);

        // Salesforce 403 REQUEST_LIMIT_EXCEEDED: the org's rolling count frees as old calls age out.
        // 100,000 calls spread over the window's 97 buckets (1,030 each, 90 more in the newest):
        // 20 buckets must fall before fewer than the usable 80,000 remain, the 20th at 01:00.
        await governor.ReportAsync(ServiceSignal.QuotaReached(), CancellationToken.None);

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);
        Assert.Equal((GovernorWaitReason.WindowPaused, Start + TimeSpan.FromHours(5)), (decision.Reason, decision.Until));
        Time.Advance(TimeSpan.FromHours(5));
        Assert.True((await governor.TryAcquireAsync(1, CancellationToken.None)).IsGo);
    }

    [Fact]
    public async Task Report_QuotaReached_WithNoReserve_PausesForOneBucket()
    {
        var governor = Governor(100_000);

        await governor.ReportAsync(ServiceSignal.QuotaReached(), CancellationToken.None);

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);
        Assert.Equal((GovernorWaitReason.WindowPaused, Start + Bucket), (decision.Reason, decision.Until));
    }

    [Fact]
    public async Task Report_QuotaReached_AfterOurOwnCallsFilledTheWindow_PausesUntilTheyFallOut()
    {
        var governor = Governor(10);
        await governor.ReportAsync(ServiceSignal.Usage(0, 10), CancellationToken.None);
        await SpendAsync(governor, 4);
        Time.Advance(TimeSpan.FromHours(3));
        await SpendAsync(governor, 6);

        await governor.ReportAsync(ServiceSignal.QuotaReached(), CancellationToken.None);

        // Not a bucket later, to look again: the service's count falls when our first 4 calls do.
        Assert.Equal(Start + Bucket + Day, (await governor.TryAcquireAsync(1, CancellationToken.None)).Until);
    }

    [Fact]
    public async Task Report_SforceLimitInfoOnFirstSight_FallsAsTheDayPasses_NotAllAtOnceADayLater()
    {
        var governor = Governor(100_000, reserveShare: 0.2);

        // api-usage=90000/100000 on the first answer: the org's calls of the last 24 hours, made
        // when is not known. Spread over the window (927 a bucket), 11 buckets must fall to come
        // under the usable 80,000: 2 h 45 min, where the current bucket would have held them 24 h.
        await governor.ReportAsync(ServiceSignal.Usage(90_000, 100_000), CancellationToken.None);

        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);
        Assert.Equal((GovernorWaitReason.WindowFull, Start + TimeSpan.FromMinutes(165)), (decision.Reason, decision.Until));
        Time.Advance(TimeSpan.FromMinutes(165));
        Assert.True((await governor.TryAcquireAsync(1, CancellationToken.None)).IsGo);
    }

    [Fact]
    public async Task Report_SforceLimitInfoGrownSinceTheLastReport_CountsTheGrowthAsMadeSince()
    {
        var governor = Governor(1_000);

        // 970 on first sight: 10 in each of the window's 97 buckets. A minute later 1,000: the 30
        // more were made in that minute and count a whole day, while the spread falls 10 a bucket.
        await governor.ReportAsync(ServiceSignal.Usage(970, 1_000), CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(1));
        await governor.ReportAsync(ServiceSignal.Usage(1_000, 1_000), CancellationToken.None);

        Time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromMinutes(1));
        var window = Assert.Single((await governor.GetSnapshotAsync(CancellationToken.None)).Windows);

        // The 49 buckets from 08:00 yesterday to 20:00 today still count: 490 spread, 30 grown.
        Assert.Equal(520, window.Used);
    }

    [Fact]
    public async Task Report_SforceLimitInfo_CountsOtherIntegrationsCallsForEveryWorker()
    {
        var governor = Governor(100_000, reserveShare: 0.2);
        await SpendAsync(governor, 100);

        // Sforce-Limit-Info: api-usage=79950/100000
        await governor.ReportAsync(ServiceSignal.Usage(79_950, 100_000), CancellationToken.None);

        await SpendAsync(governor, 50);
        Assert.False((await governor.TryAcquireAsync(1, CancellationToken.None)).IsGo);
        var restarted = Governor(100_000, reserveShare: 0.2);
        Assert.Equal(80_000, Assert.Single((await restarted.GetSnapshotAsync(CancellationToken.None)).Windows).Used);
    }

    [Fact]
    public async Task Report_SforceLimitInfoWithASmallerOrg_LowersTheLimit()
    {
        var governor = Governor(100_000, reserveShare: 0.2);

        // A Developer Edition org: api-usage=11990/15000.
        await governor.ReportAsync(ServiceSignal.Usage(11_990, 15_000), CancellationToken.None);

        await SpendAsync(governor, 10);
        var decision = await governor.TryAcquireAsync(1, CancellationToken.None);
        Assert.Equal(GovernorWaitReason.WindowFull, decision.Reason);
    }
}
