using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Highwater.Core.Model;

namespace Highwater.Core.Planning;

/// <summary>
/// Asks the processor to fetch a batch's requests from memory before the diff walks them.
/// </summary>
/// <remarks>
/// A batch that is not in cache (a large batch, or requests built a while ago) costs the diff a
/// memory wait for every object it reaches: the request, its field map, the map's values, the last
/// exported state and its strings, one after another. Measured on the planner benchmark, those
/// waits took about two thirds of the time. Prefetches do not wait, so issuing them for a whole
/// slice of the batch lets the memory system fetch many profiles at once. They go in stages: each
/// stage reaches objects through references the previous stage brought in, so it reads cached data
/// and only issues new fetches. A prefetch is a hint: an object the collector moves in between is
/// simply not warmed, and nothing is read through the address. Where the processor has no prefetch
/// instruction this does nothing.
/// </remarks>
internal static class RequestPrefetch
{
    /// <summary>Requests warmed per slice: enough fetches in flight to keep memory busy, few enough that the first have landed when the next stage reads them.</summary>
    private const int Slice = 128;

    /// <summary>Warms <paramref name="requests"/> slice by slice.</summary>
    public static void Warm(ReadOnlySpan<ExportRequest> requests)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        for (var start = 0; start < requests.Length; start += Slice)
        {
            WarmSlice(requests.Slice(start, Math.Min(Slice, requests.Length - start)));
        }
    }

    private static void WarmSlice(ReadOnlySpan<ExportRequest> requests)
    {
        foreach (var request in requests)
        {
            Fetch(request);
        }

        foreach (var request in requests)
        {
            Fetch(request.ProfileKey);
            Fetch(request.ForeignKey);
            Fetch(request.Fields);
            Fetch(request.Groups);
            Fetch(request.LastExported);
        }

        foreach (var request in requests)
        {
            FetchValueArray(request.Fields);
            if (request.LastExported is { } last)
            {
                Fetch(last.Fields);
                Fetch(last.Lists);
            }
        }

        var lastMaps = false;
        foreach (var request in requests)
        {
            if (request.Fields is FieldMap map)
            {
                FetchStrings(map.ValueArray);
            }
            else
            {
                FetchValues(request.Fields);
            }

            FetchNames(request.Groups);
            if (request.LastExported is { } last)
            {
                lastMaps |= FetchValueArray(last.Fields);
                FetchValues(last.Fields);
                FetchNames(last.Lists);
            }
        }

        // A last exported map's values are a step further: map, then its array, then the strings.
        if (lastMaps)
        {
            foreach (var request in requests)
            {
                if (request.LastExported?.Fields is FieldMap map)
                {
                    FetchStrings(map.ValueArray);
                }
            }
        }
    }

    /// <summary>Fetches a <see cref="FieldMap"/>'s value array (its header and first references, and the next line); false for another map.</summary>
    private static bool FetchValueArray(IReadOnlyDictionary<string, string?> fields)
    {
        if (fields is not FieldMap map)
        {
            return false;
        }

        FetchTwoLines(map.ValueArray);
        return true;
    }

    private static void FetchValues(IReadOnlyDictionary<string, string?> fields)
    {
        // Only a plain dictionary: another map type would box an enumerator per request.
        if (fields is Dictionary<string, string?> dictionary)
        {
            foreach (var (_, value) in dictionary)
            {
                Fetch(value);
            }
        }
    }

    private static void FetchStrings(string?[] values)
    {
        foreach (var value in values)
        {
            Fetch(value);
        }
    }

    private static void FetchNames(IReadOnlySet<string> names)
    {
        if (names is HashSet<string> set)
        {
            foreach (var name in set)
            {
                Fetch(name);
            }
        }
    }

    private static unsafe void FetchTwoLines(object target)
    {
        var address = (byte*)Unsafe.As<object, nint>(ref target);
        Sse.Prefetch0(address);
        Sse.Prefetch0(address + 64);
    }

    private static unsafe void Fetch(object? target)
    {
        if (target is not null)
        {
            // The reference is the object's address; the cache line there holds its header and first fields.
            Sse.Prefetch0((void*)Unsafe.As<object, nint>(ref target));
        }
    }
}
