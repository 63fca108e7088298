using Highwater.Core.Model;

namespace Highwater.Core.Planning;

/// <summary>
/// The claim map and profile set phase one checks a batch with, kept per thread between batches:
/// they are emptied after each batch and never leave it, so reusing them changes no plan and
/// saves building two hash tables the size of the batch every time.
/// </summary>
internal sealed class LookupScratch
{
    /// <summary>Tables grown past this many entries (a huge batch) are dropped rather than kept.</summary>
    private const int MaxKept = 4096;

    [ThreadStatic]
    private static LookupScratch? t_cached;

    public Dictionary<string, string> Claims { get; } = new(ForeignKeys.Comparer);

    public HashSet<string> Profiles { get; } = new(StringComparer.Ordinal);

    /// <summary>The thread's scratch, or a new one; it is the caller's until <see cref="Return"/>.</summary>
    public static LookupScratch Take()
    {
        var scratch = t_cached ?? new LookupScratch();
        t_cached = null;
        return scratch;
    }

    public static void Return(LookupScratch scratch)
    {
        var keep = scratch.Claims.Count <= MaxKept && scratch.Profiles.Count <= MaxKept;
        scratch.Claims.Clear();
        scratch.Profiles.Clear();
        if (keep)
        {
            t_cached = scratch;
        }
    }
}
