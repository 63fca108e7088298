using Highwater.Connectors.Transport;

namespace Highwater.Connectors.Tests.Transport;

/// <summary>
/// The batch splitter with a fake sender that counts its requests: a batch the service takes is
/// one request; one refused for an input is halved until that input stands alone (at most
/// 2·⌈log2 n⌉ + 1 requests); a body over the service's limit is halved before it is sent.
/// </summary>
public sealed class BatchSplitterTests
{
    /// <summary>A service that refuses a whole request holding a bad input with a 400, and a 413 for a body it finds too large.</summary>
    private static readonly BatchSplitRule<FakeAnswer> Refusing = new() { Service = "Test", RefusedForAnInput = a => a.Status is 400 or 413 };

    public static TheoryData<int, int> BatchesWithOneBadInput() => new()
    {
        { 2, 0 }, { 2, 1 }, { 4, 3 }, { 64, 0 }, { 64, 37 }, { 64, 63 }, { 100, 0 }, { 100, 49 }, { 100, 99 }, { 128, 64 }, { 300, 0 }, { 300, 150 }, { 300, 299 },
    };

    [Theory]
    [MemberData(nameof(BatchesWithOneBadInput))]
    public async Task Send_OneBadInput_HalvedUntilItStandsAlone_AtMostTwoLogNPlusOneRequests(int n, int bad)
    {
        var sender = new FakeSender(part => part.Contains(bad) ? new FakeAnswer(400) : new FakeAnswer(200));

        await new BatchSplitter<FakeAnswer>(Refusing).SendAsync(Enumerable.Range(0, n).ToList(), sender.Requests(), CancellationToken.None);

        var bound = (2 * (int)Math.Ceiling(Math.Log2(n))) + 1;
        Assert.True(sender.Sent.Count <= bound, $"{sender.Sent.Count} requests for a batch of {n} with input {bad} bad; at most {bound}");
        if (int.IsPow2(n))
        {
            Assert.Equal(bound, sender.Sent.Count);
        }

        // Every good input read once in an answer that took it; the bad one alone, with its refusal.
        Assert.Equal(Enumerable.Range(0, n).Where(i => i != bad), sender.Read.Where(r => r.Answer.Status == 200).SelectMany(r => r.Part).Order());
        Assert.Equal([(400, $"{bad}")], sender.Read.Where(r => r.Answer.Status != 200).Select(r => (r.Answer.Status, string.Join(",", r.Part))));
        Assert.Empty(sender.Refused);
    }

    [Fact]
    public async Task Send_TwoBadInputs_EachStandsAloneRefused_TheOthersGoThrough()
    {
        var sender = new FakeSender(part => part.Contains(3) || part.Contains(12) ? new FakeAnswer(400) : new FakeAnswer(200));

        await new BatchSplitter<FakeAnswer>(Refusing).SendAsync(Enumerable.Range(0, 16).ToList(), sender.Requests(), CancellationToken.None);

        Assert.Equal([3, 12], sender.Read.Where(r => r.Answer.Status == 400).Select(r => Assert.Single(r.Part)));
        Assert.Equal(14, sender.Read.Where(r => r.Answer.Status == 200).Sum(r => r.Part.Count));

        // [0-15] refused; [0-7] and [8-15] each a batch of 8 with one bad input (2·3 + 1 requests): 1 + 7 + 7.
        Assert.Equal(15, sender.Sent.Count);
    }

    [Fact]
    public async Task Send_ServiceTakesTheBatch_OneRequest()
    {
        var sender = new FakeSender(_ => new FakeAnswer(200));

        await new BatchSplitter<FakeAnswer>(Refusing).SendAsync(Enumerable.Range(0, 300).ToList(), sender.Requests(), CancellationToken.None);

        Assert.Equal(300, Assert.Single(sender.Sent).Count);
        Assert.Equal(300, Assert.Single(sender.Read).Part.Count);
    }

    [Fact]
    public async Task Send_RefusalTheRuleSaysIsEveryInputs_NotSplit_EveryInputReadWithIt()
    {
        // An answer the rule does not count as one input's (here a 422; HubSpot's missing property there): no split.
        var sender = new FakeSender(_ => new FakeAnswer(422));

        await new BatchSplitter<FakeAnswer>(Refusing).SendAsync(Enumerable.Range(0, 10).ToList(), sender.Requests(), CancellationToken.None);

        Assert.Single(sender.Sent);
        Assert.Equal((422, 10), (sender.Read[0].Answer.Status, sender.Read[0].Part.Count));
    }

    [Fact]
    public async Task Send_NoRule_RefusalNotSplit()
    {
        var sender = new FakeSender(part => part.Contains(2) ? new FakeAnswer(400) : new FakeAnswer(200));

        await new BatchSplitter<FakeAnswer>(new BatchSplitRule<FakeAnswer> { Service = "Test" }).SendAsync(Enumerable.Range(0, 10).ToList(), sender.Requests(), CancellationToken.None);

        Assert.Single(sender.Sent);
        Assert.Equal((400, 10), (sender.Read[0].Answer.Status, sender.Read[0].Part.Count));
    }

    [Fact]
    public async Task Send_NoInputs_NoRequest()
    {
        var sender = new FakeSender(_ => new FakeAnswer(200));

        await new BatchSplitter<FakeAnswer>(Refusing).SendAsync(new List<int>(), sender.Requests(), CancellationToken.None);

        Assert.Empty(sender.Sent);
        Assert.Empty(sender.Read);
    }

    [Fact]
    public async Task Send_BodyOverTheLimit_HalvedBeforeItIsSent_NoPartOverTheLimit_EveryInputTaken()
    {
        // 100 inputs of 10 bytes and a 1 byte separator in a 20-byte envelope: 1,119 bytes; the limit 300 takes 25 at most.
        var sender = new FakeSender(_ => new FakeAnswer(200));
        var rule = new BatchSplitRule<FakeAnswer> { Service = "Test", MaxBodyBytes = 300, RefusedForAnInput = a => a.Status == 413 };

        await new BatchSplitter<FakeAnswer>(rule).SendAsync(Enumerable.Range(0, 100).ToList(), sender.Requests(i => 10), CancellationToken.None);

        // 100 → 50 → 25: four requests of 25 (294 bytes each), none refused.
        Assert.Equal([25, 25, 25, 25], sender.Sent.Select(p => p.Count));
        Assert.All(sender.Sent, p => Assert.True(FakeSender.Bytes(p, i => 10) <= 300));
        Assert.Equal(Enumerable.Range(0, 100), sender.Read.SelectMany(r => r.Part));
        Assert.Empty(sender.Refused);
    }

    [Fact]
    public async Task Send_InputTooLargeAlone_RefusedUnsentWith413AndItsSize_TheOthersSent()
    {
        var sender = new FakeSender(_ => new FakeAnswer(200));
        var rule = new BatchSplitRule<FakeAnswer> { Service = "Test", MaxBodyBytes = 1_000 };

        await new BatchSplitter<FakeAnswer>(rule).SendAsync(Enumerable.Range(0, 8).ToList(), sender.Requests(i => i == 5 ? 1_980 : 10), CancellationToken.None);

        var (input, refusal) = Assert.Single(sender.Refused);
        Assert.Equal(5, input);
        Assert.Equal(new InputRefusal("413", "its values make a request of 2,000 bytes; Test takes at most 1,000 (HTTP 413), so it was not sent"), refusal);
        Assert.DoesNotContain(sender.Sent, p => p.Contains(5));
        Assert.Equal([0, 1, 2, 3, 4, 6, 7], sender.Read.SelectMany(r => r.Part).Order());

        // [0-7] too large: [0-3] sent; [4-7] and [4-5] too large: [4] sent, [5] refused unsent; [6-7] sent: three requests.
        Assert.Equal(3, sender.Sent.Count);
    }

    [Fact]
    public async Task Send_Service413_TheBodyItFindsTooLarge_Halved_ALoneInputReadWithThe413()
    {
        // The service measures differently than any limit declared: it answers 413 above 100 bytes.
        var sender = new FakeSender(part => FakeSender.Bytes(part, i => i == 2 ? 150 : 10) > 100 ? new FakeAnswer(413) : new FakeAnswer(200));

        await new BatchSplitter<FakeAnswer>(Refusing).SendAsync(Enumerable.Range(0, 4).ToList(), sender.Requests(), CancellationToken.None);

        Assert.Equal([(413, "2")], sender.Read.Where(r => r.Answer.Status != 200).Select(r => (r.Answer.Status, string.Join(",", r.Part))));
        Assert.Equal([0, 1, 3], sender.Read.Where(r => r.Answer.Status == 200).SelectMany(r => r.Part).Order());

        // [0-3] 413, [0-1] taken, [2-3] 413, [2] 413, [3] taken.
        Assert.Equal(5, sender.Sent.Count);
    }

    [Fact]
    public async Task Send_LimitDeclared_RequestsThatCannotMeasure_AreMisuse()
    {
        var splitter = new BatchSplitter<FakeAnswer>(new BatchSplitRule<FakeAnswer> { Service = "Test", MaxBodyBytes = 1_000 });
        var sender = new FakeSender(_ => new FakeAnswer(200));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => splitter.SendAsync([1], sender.Requests(), CancellationToken.None));

        Assert.StartsWith("Test declares a body limit: the requests must say how large a body is (BodyBytes) and take an input too large alone (Refuse)", ex.Message, StringComparison.Ordinal);
        Assert.Empty(sender.Sent);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void New_LimitBelowOneByte_IsMisuse(int max) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSplitter<FakeAnswer>(new BatchSplitRule<FakeAnswer> { Service = "Test", MaxBodyBytes = max }));

    internal sealed record FakeAnswer(int Status);

    /// <summary>Answers each part as <c>answer</c> says and records what it sent, read and refused.</summary>
    private sealed class FakeSender(Func<IReadOnlyList<int>, FakeAnswer> answer)
    {
        /// <summary>The envelope's bytes (<c>{"input":[...]}</c> or so).</summary>
        private const int Envelope = 20;

        public List<IReadOnlyList<int>> Sent { get; } = [];

        public List<(IReadOnlyList<int> Part, FakeAnswer Answer)> Read { get; } = [];

        public List<(int Input, InputRefusal Refusal)> Refused { get; } = [];

        /// <summary>A body's bytes: the envelope, each input's size and a separator between two.</summary>
        public static int Bytes(IReadOnlyList<int> part, Func<int, int> size) => Envelope + part.Sum(size) + Math.Max(0, part.Count - 1);

        public BatchRequests<int, FakeAnswer> Requests(Func<int, int>? size = null) => new()
        {
            Send = (part, _) =>
            {
                Sent.Add([.. part]);
                return Task.FromResult(answer(part));
            },
            Read = (part, a) => Read.Add(([.. part], a)),
            BodyBytes = size is null ? null : part => Bytes(part, size),
            Refuse = size is null ? null : (input, refusal) => Refused.Add((input, refusal)),
        };
    }
}
