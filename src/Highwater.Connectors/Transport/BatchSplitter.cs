using System.Globalization;

namespace Highwater.Connectors.Transport;

/// <summary>
/// Sends a batch in as few requests as the service's <see cref="BatchSplitRule{TAnswer}"/> allows.
/// A batch whose body would pass the service's limit is halved before it is sent; one the service
/// refuses as a whole because of some input in it is halved and both halves are sent again, until
/// the input at fault stands alone and its refusal is that record's. The other inputs go through.
/// A batch of n with one bad input costs at most 2·⌈log2 n⌉ + 1 requests; one the service takes,
/// one.
/// </summary>
/// <remarks>
/// The rule is the service's; the executor never sees a split, only each record's outcome. Every
/// request still goes through the connector's <see cref="ServiceTransport"/> (gate, credentials,
/// failures), so a split costs calls the governor pays one by one. Thread-safe: it holds only the rule.
/// </remarks>
/// <typeparam name="TAnswer">The connector's reading of an answer.</typeparam>
internal sealed class BatchSplitter<TAnswer>
{
    private readonly int? _maxBodyBytes;
    private readonly int _tooLargeStatus;
    private readonly Func<TAnswer, bool>? _refusedForAnInput;

    public BatchSplitter(BatchSplitRule<TAnswer> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentException.ThrowIfNullOrWhiteSpace(rule.Service);
        if (rule.MaxBodyBytes is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(rule));
        }

        Service = rule.Service;
        _maxBodyBytes = rule.MaxBodyBytes;
        _tooLargeStatus = rule.TooLargeStatus;
        _refusedForAnInput = rule.RefusedForAnInput;
    }

    /// <summary>The service's name in refusals.</summary>
    public string Service { get; }

    /// <summary>Sends <paramref name="inputs"/> (none: no request) and hands every input its answer or refusal.</summary>
    /// <param name="inputs">The batch, in the order its requests carry it.</param>
    /// <param name="requests">How the connector makes and reads a part's request.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public Task SendAsync<TInput>(IReadOnlyList<TInput> inputs, BatchRequests<TInput, TAnswer> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(requests);
        if (_maxBodyBytes is not null && (requests.BodyBytes is null || requests.Refuse is null))
        {
            throw new ArgumentException($"{Service} declares a body limit: the requests must say how large a body is (BodyBytes) and take an input too large alone (Refuse)", nameof(requests));
        }

        return PartAsync(new ArraySegment<TInput>([.. inputs]), requests, cancellationToken);
    }

    private async Task PartAsync<TInput>(ArraySegment<TInput> part, BatchRequests<TInput, TAnswer> requests, CancellationToken cancellationToken)
    {
        if (part.Count == 0)
        {
            return;
        }

        if (_maxBodyBytes is { } max && requests.BodyBytes!(part) is var bytes && bytes > max)
        {
            if (part.Count > 1)
            {
                await HalvesAsync(part, requests, cancellationToken).ConfigureAwait(false);
                return;
            }

            // Too large alone: the service would refuse the request, so it is not sent; the record
            // is refused by itself and the rest of the batch goes on.
            var status = _tooLargeStatus.ToString(CultureInfo.InvariantCulture);
            requests.Refuse!(part[0], new InputRefusal(status, string.Create(CultureInfo.InvariantCulture, $"its values make a request of {bytes:N0} bytes; {Service} takes at most {max:N0} (HTTP {status}), so it was not sent")));
            return;
        }

        var answer = await requests.Send(part, cancellationToken).ConfigureAwait(false);
        if (part.Count > 1 && _refusedForAnInput?.Invoke(answer) == true)
        {
            await HalvesAsync(part, requests, cancellationToken).ConfigureAwait(false);
            return;
        }

        requests.Read(part, answer);
    }

    private async Task HalvesAsync<TInput>(ArraySegment<TInput> part, BatchRequests<TInput, TAnswer> requests, CancellationToken cancellationToken)
    {
        var half = part.Count / 2;
        await PartAsync(part[..half], requests, cancellationToken).ConfigureAwait(false);
        await PartAsync(part[half..], requests, cancellationToken).ConfigureAwait(false);
    }
}
