using System.IO.Hashing;
using System.Text;
using Highwater.Sources.Reading;

namespace Highwater.Sources.Polling;

/// <summary>
/// A row's content hash: stable across runs and machines, independent of column order, so a
/// re-read row whose content is unchanged is recognised and dropped.
/// </summary>
internal static class RowHash
{
    public static string Of(SourceRow row)
    {
        var hash = new XxHash128();
        Append(hash, row.Deleted ? "1" : "0");
        foreach (var (name, value) in row.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Append(hash, name);
            Append(hash, value);
        }

        return Convert.ToHexString(hash.GetCurrentHash());
    }

    private static void Append(XxHash128 hash, string? value)
    {
        // Length-prefixed, with a distinct marker for null, so ("ab","c") and ("a","bc") differ.
        Span<byte> length = stackalloc byte[5];
        length[0] = value is null ? (byte)0 : (byte)1;
        BitConverter.TryWriteBytes(length[1..], value?.Length ?? 0);
        hash.Append(length);
        if (value is not null)
        {
            hash.Append(Encoding.UTF8.GetBytes(value));
        }
    }
}
