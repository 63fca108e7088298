namespace Highwater.Connectors.Transport;

/// <summary>
/// What a service declares for its <see cref="BatchSplitter{TAnswer}"/>: the largest body it takes,
/// and which of its answers refuses a whole batch because of one input in it. Each is optional;
/// a service declaring neither sends every batch as one request.
/// </summary>
/// <typeparam name="TAnswer">The connector's reading of an answer.</typeparam>
internal sealed class BatchSplitRule<TAnswer>
{
    /// <summary>The service's name in refusals (<c>Marketo</c>).</summary>
    public required string Service { get; init; }

    /// <summary>
    /// The largest request body the service takes, in UTF-8 bytes: a batch whose body would be
    /// larger is halved before it is sent, and an input too large alone is refused unsent (the
    /// service would answer HTTP 413). Null when the service declares no limit.
    /// </summary>
    public int? MaxBodyBytes { get; init; }

    /// <summary>The HTTP status the service answers a body over <see cref="MaxBodyBytes"/> with, as a refusal names it (413; Eloqua's Bulk API: 404).</summary>
    public int TooLargeStatus { get; init; } = 413;

    /// <summary>
    /// Whether an answer refused the whole request because of some input in it, saying nothing of
    /// the others (a 413, or a validation 400 with no per-record results): the halves are sent
    /// again, until the input at fault stands alone. Null when no answer means that.
    /// </summary>
    public Func<TAnswer, bool>? RefusedForAnInput { get; init; }
}
