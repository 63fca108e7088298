using System.Collections;

namespace Highwater.Storage.Tests;

/// <summary>A collection that cancels a token when the store reads it: a cancellation in the middle of a write.</summary>
internal sealed class CancelOnEnumeration<T>(IReadOnlyCollection<T> items, CancellationTokenSource cancellation) : IReadOnlyCollection<T>
{
    public int Count => items.Count;

    public IEnumerator<T> GetEnumerator()
    {
        cancellation.Cancel();
        return items.GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
