using System.Buffers;
using System.IO.Hashing;
using System.Text;
using Highwater.Sources.Reading;

namespace Highwater.Sources.Polling;

/// <summary>
/// A row's content hash: stable across runs and machines, independent of column order, so a
/// re-read row whose content is unchanged is recognised and dropped. Computed for every row read,
/// so it allocates nothing but its result: one hasher and one name buffer per thread.
/// </summary>
internal static class RowHash
{
    [ThreadStatic]
    private static XxHash128? t_hash;

    [ThreadStatic]
    private static string[]? t_names;

    public static string Of(SourceRow row)
    {
        var hash = t_hash ??= new XxHash128();
        hash.Reset();
        Append(hash, row.Deleted ? "1" : "0");

        var count = row.Properties.Count;
        var names = t_names is { } cached && cached.Length >= count ? cached : t_names = new string[Math.Max(count, 16)];
        var i = 0;
        if (row.Properties is Dictionary<string, string?> dictionary)
        {
            // The readers' own type: its key enumerator is a struct, so nothing is allocated.
            foreach (var name in dictionary.Keys)
            {
                names[i++] = name;
            }
        }
        else
        {
            foreach (var name in row.Properties.Keys)
            {
                names[i++] = name;
            }
        }

        var sorted = names.AsSpan(0, count);
        sorted.Sort(static (a, b) => string.CompareOrdinal(a, b));
        foreach (var name in sorted)
        {
            Append(hash, name);
            Append(hash, row.Properties[name]);
        }

        sorted.Clear();
        Span<byte> result = stackalloc byte[16];
        hash.GetCurrentHash(result);
        return Convert.ToHexString(result);
    }

    private static void Append(XxHash128 hash, string? value)
    {
        // Length-prefixed, with a distinct marker for null, so ("ab","c") and ("a","bc") differ.
        Span<byte> length = stackalloc byte[5];
        length[0] = value is null ? (byte)0 : (byte)1;
        BitConverter.TryWriteBytes(length[1..], value?.Length ?? 0);
        hash.Append(length);
        if (value is null)
        {
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        var written = Encoding.UTF8.GetBytes(value, buffer);
        hash.Append(buffer[..written]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
