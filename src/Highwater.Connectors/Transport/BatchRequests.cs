namespace Highwater.Connectors.Transport;

/// <summary>How a connector makes and reads the requests of one batch that a <see cref="BatchSplitter{TAnswer}"/> sends.</summary>
/// <typeparam name="TInput">One input of the batch (a record's JSON and its position).</typeparam>
/// <typeparam name="TAnswer">The connector's reading of an answer.</typeparam>
internal sealed class BatchRequests<TInput, TAnswer>
{
    /// <summary>Sends a part of the batch as one request and answers it; a request that fails as a whole throws, as the transport does.</summary>
    public required Func<IReadOnlyList<TInput>, CancellationToken, Task<TAnswer>> Send { get; init; }

    /// <summary>
    /// Reads the answer to a part sent: each input's result, or, for an answer that refused the
    /// whole request, every input's refusal (a part of one input refused for it is that record's).
    /// </summary>
    public required Action<IReadOnlyList<TInput>, TAnswer> Read { get; init; }

    /// <summary>The size in UTF-8 bytes of the body a part would make; needed when the rule declares <see cref="BatchSplitRule{TAnswer}.MaxBodyBytes"/>.</summary>
    public Func<IReadOnlyList<TInput>, int>? BodyBytes { get; init; }

    /// <summary>Takes an input refused unsent (too large alone); needed when the rule declares <see cref="BatchSplitRule{TAnswer}.MaxBodyBytes"/>.</summary>
    public Action<TInput, InputRefusal>? Refuse { get; init; }
}
