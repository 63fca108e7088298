using System.Numerics;

namespace Highwater.Core.Planning;

/// <summary>
/// A set of mapped remote lists as bits: bit <c>i</c> is the planner's list <c>i</c>, and the
/// planner numbers its lists in ordinal order of their names, so the bits run in that order too.
/// Comparing, diffing and counting a profile's lists then costs a few instructions and no
/// allocation. The first 64 lists live in one word; more (rare) take an array.
/// </summary>
internal readonly struct ListMask : IEquatable<ListMask>
{
    private const int WordBits = 64;

    private readonly ulong _low;

    /// <summary>Lists 64 and up, one bit each; null when none of them is in the set.</summary>
    private readonly ulong[]? _high;

    private ListMask(ulong low, ulong[]? high)
    {
        _low = low;
        _high = high;
    }

    public bool IsEmpty => _low == 0 && _high is null;

    public int Count
    {
        get
        {
            var count = BitOperations.PopCount(_low);
            foreach (var word in _high ?? [])
            {
                count += BitOperations.PopCount(word);
            }

            return count;
        }
    }

    /// <summary>This set with list <paramref name="index"/> in it.</summary>
    public ListMask With(int index)
    {
        if (index < WordBits)
        {
            return new ListMask(_low | (1UL << index), _high);
        }

        var word = (index / WordBits) - 1;
        var high = new ulong[Math.Max(word + 1, _high?.Length ?? 0)];
        _high?.CopyTo(high, 0);
        high[word] |= 1UL << (index % WordBits);
        return new ListMask(_low, high);
    }

    /// <summary>The lists in this set and not in <paramref name="other"/>.</summary>
    public ListMask Except(ListMask other)
    {
        var low = _low & ~other._low;
        if (_high is null)
        {
            return new ListMask(low, null);
        }

        ulong[]? high = null;
        for (var i = _high.Length - 1; i >= 0; i--)
        {
            var word = _high[i] & ~WordOf(other._high, i);
            if (word != 0)
            {
                (high ??= new ulong[i + 1])[i] = word;
            }
        }

        return new ListMask(low, high);
    }

    public bool Equals(ListMask other)
    {
        if (_low != other._low)
        {
            return false;
        }

        var words = Math.Max(_high?.Length ?? 0, other._high?.Length ?? 0);
        for (var i = 0; i < words; i++)
        {
            if (WordOf(_high, i) != WordOf(other._high, i))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is ListMask other && Equals(other);

    public override int GetHashCode()
    {
        var hash = _low.GetHashCode();
        foreach (var word in _high ?? [])
        {
            hash = HashCode.Combine(hash, word);
        }

        return hash;
    }

    public static bool operator ==(ListMask left, ListMask right) => left.Equals(right);

    public static bool operator !=(ListMask left, ListMask right) => !left.Equals(right);

    /// <summary>The lists' indexes, ascending (so their names come in ordinal order).</summary>
    public Enumerator GetEnumerator() => new(this);

    private static ulong WordOf(ulong[]? words, int i) => words is not null && i < words.Length ? words[i] : 0;

    /// <summary>Walks the set bits without allocating.</summary>
    public struct Enumerator
    {
        private readonly ulong[]? _high;
        private ulong _word;
        private int _wordIndex;

        internal Enumerator(ListMask mask)
        {
            _word = mask._low;
            _high = mask._high;
            _wordIndex = 0;
            Current = -1;
        }

        public int Current { get; private set; }

        public bool MoveNext()
        {
            while (_word == 0)
            {
                if (_high is null || _wordIndex >= _high.Length)
                {
                    return false;
                }

                _word = _high[_wordIndex];
                _wordIndex++;
            }

            Current = (_wordIndex * WordBits) + BitOperations.TrailingZeroCount(_word);
            _word &= _word - 1;
            return true;
        }
    }
}
