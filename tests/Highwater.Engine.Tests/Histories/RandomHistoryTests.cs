using System.Diagnostics;
using System.Globalization;
using Highwater.Benchmarks.Histories;
using Xunit.Abstractions;

namespace Highwater.Engine.Tests.Histories;

/// <summary>
/// Random histories (source changes, faults, crashes) against the real engine and each service's
/// simulator, judged by the oracle of <see cref="HistoryOracle"/>. <c>HIGHWATER_HISTORIES</c> sets
/// how many per service (default 15), <c>HIGHWATER_HISTORY_SEED</c> the first seed (default 1),
/// <c>HIGHWATER_HISTORY_MIX</c> the mix (default <see cref="HistoryMixes.PassingToday"/>, which
/// lists what is left out on today's main and why). A failure prints the seed, the shrunk history and the first
/// difference; the seed replays with <c>bench -- simulate-histories --count 1 --seed S --service NAME</c>.
/// </summary>
public sealed class RandomHistoryTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("marketo")]
    [InlineData("salesforce")]
    [InlineData("pardot")]
    [InlineData("eloqua")]
    public async Task Histories_EndAsTheSourceImplies(string service)
    {
        var count = Setting("HIGHWATER_HISTORIES", 15);
        var first = Setting("HIGHWATER_HISTORY_SEED", 1);
        var mix = Environment.GetEnvironmentVariable("HIGHWATER_HISTORY_MIX") is { Length: > 0 } text ? HistoryMixes.Parse(text, service) : HistoryMixes.PassingToday(service);
        await using var runner = await HistoryRunner.StartAsync(service);
        var clock = Stopwatch.StartNew();
        int operations = 0, faults = 0, crashes = 0;

        for (var seed = first; seed < first + count; seed++)
        {
            var history = HistoryGenerator.Generate(seed, service, mix);
            operations += history.Operations;
            faults += history.FaultCount;
            crashes += history.Crashes;
            var outcome = await runner.RunAsync(history);
            if (!outcome.Passed)
            {
                Assert.Fail(await HistoryCampaign.ReportAsync(runner, outcome, mix));
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{service}: {count} histories ({operations} operations, {faults} faults, {crashes} crashes) in {clock.Elapsed.TotalSeconds:F1} s, {clock.Elapsed.TotalMilliseconds / count:F0} ms each"));
    }

    [Fact]
    public void Generate_SameSeed_SameHistory_AndTheMixIsRespected()
    {
        var a = HistoryGenerator.Generate(42, "marketo", HistoryMix.All);
        var b = HistoryGenerator.Generate(42, "marketo", HistoryMix.All);
        var narrow = HistoryGenerator.Generate(42, "marketo", HistoryMix.Insert | HistoryMix.Edit);

        Assert.Equal(a.ToString(), b.ToString());
        Assert.NotEqual(a.ToString(), HistoryGenerator.Generate(43, "marketo", HistoryMix.All).ToString());
        Assert.All(narrow.Steps.OfType<OpStep>(), s => Assert.True(s.Op.Kind is HistoryMix.Insert or HistoryMix.Edit, s.ToString()));
        Assert.All(narrow.Steps.OfType<SyncStep>(), s => Assert.True(s.Faults.Count == 0 && s.Crash is null, s.ToString()));
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
