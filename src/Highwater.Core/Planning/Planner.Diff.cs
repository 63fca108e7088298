using Highwater.Core.Model;

namespace Highwater.Core.Planning;

public sealed partial class Planner
{
    /// <summary>The remote lists a request's groups map to, distinct and in ordinal order.</summary>
    private string[] DesiredLists(ExportRequest request)
    {
        if (_listsByGroup.Count == 0 || request.Groups.Count == 0)
        {
            return [];
        }

        string[]? lists = null;
        var count = 0;
        foreach (var group in request.Groups)
        {
            if (_listsByGroup.TryGetValue(group, out var list))
            {
                InsertSorted(lists ??= new string[request.Groups.Count], ref count, list);
            }
        }

        return Trimmed(lists, count);
    }

    /// <summary>The mapped lists in a set of remote lists, in ordinal order.</summary>
    private string[] MappedOf(IReadOnlySet<string>? lists)
    {
        if (lists is null || lists.Count == 0 || _mappedLists.Count == 0)
        {
            return [];
        }

        string[]? mapped = null;
        var count = 0;
        foreach (var list in lists)
        {
            if (_mappedLists.Contains(list))
            {
                InsertSorted(mapped ??= new string[lists.Count], ref count, list);
            }
        }

        return Trimmed(mapped, count);
    }

    /// <summary>
    /// Inserts a list name into the first <paramref name="count"/> names, kept distinct and in
    /// ordinal order: a profile is in a handful of lists, so this beats a List, a sort and a copy.
    /// </summary>
    private static void InsertSorted(string[] names, ref int count, string name)
    {
        var at = count;
        while (at > 0 && string.CompareOrdinal(names[at - 1], name) > 0)
        {
            at--;
        }

        if (at > 0 && string.Equals(names[at - 1], name, StringComparison.Ordinal))
        {
            return;
        }

        Array.Copy(names, at, names, at + 1, count - at);
        names[at] = name;
        count++;
    }

    private static string[] Trimmed(string[]? names, int count)
    {
        if (names is null || count == 0)
        {
            return [];
        }

        if (count < names.Length)
        {
            Array.Resize(ref names, count);
        }

        return names;
    }

    private int CountKnownLists(ExportedState? last)
    {
        if (last is null)
        {
            return 0;
        }

        var count = 0;
        foreach (var list in last.Lists)
        {
            if (_mappedLists.Contains(list))
            {
                count++;
            }
        }

        return count;
    }

    private bool SameLists(string[] desired, ExportedState? last)
    {
        if (CountKnownLists(last) != desired.Length)
        {
            return false;
        }

        foreach (var list in desired)
        {
            if (!last!.Lists.Contains(list))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Compares a request with what was last exported, once per batch: phase one decides the
    /// lookups from it and phase two the writes. A delete needs no diff.
    /// </summary>
    private RequestDiff DiffOf(ExportRequest request)
    {
        if (request.Delete)
        {
            return new RequestDiff([], null, Unchanged: false);
        }

        var desired = DesiredLists(request);
        var last = request.LastExported;
        var changed = last is null ? null : ChangedFields(request.Fields, last.Fields);
        var unchanged = last is not null && !request.KeyChanged && changed is null && SameLists(desired, last);
        return new RequestDiff(desired, changed, unchanged);
    }

    /// <summary>
    /// The fields whose value differs from the base, a field missing from the request counting
    /// as null; null when nothing differs.
    /// </summary>
    private static Dictionary<string, string?>? ChangedFields(IReadOnlyDictionary<string, string?> desired, IReadOnlyDictionary<string, string?> exported)
    {
        // The usual case, two plain dictionaries, enumerates without boxing and looks up without
        // interface calls: the same loops, about a third faster.
        if (desired is Dictionary<string, string?> plainDesired && exported is Dictionary<string, string?> plainExported)
        {
            return ChangedFields(plainDesired, plainExported);
        }

        Dictionary<string, string?>? changed = null;
        var matched = 0;
        foreach (var (name, value) in desired)
        {
            string? before = null;
            if (exported.TryGetValue(name, out var old))
            {
                before = old;
                matched++;
            }

            if (!string.Equals(before, value, StringComparison.Ordinal))
            {
                (changed ??= new Dictionary<string, string?>(StringComparer.Ordinal))[name] = value;
            }
        }

        // Every exported field was among the desired ones: none can have been dropped.
        if (matched == exported.Count)
        {
            return changed;
        }

        foreach (var (name, value) in exported)
        {
            if (value is not null && !desired.ContainsKey(name))
            {
                (changed ??= new Dictionary<string, string?>(StringComparer.Ordinal))[name] = null;
            }
        }

        return changed;
    }

    private static Dictionary<string, string?>? ChangedFields(Dictionary<string, string?> desired, Dictionary<string, string?> exported)
    {
        Dictionary<string, string?>? changed = null;
        var matched = 0;
        foreach (var (name, value) in desired)
        {
            string? before = null;
            if (exported.TryGetValue(name, out var old))
            {
                before = old;
                matched++;
            }

            if (!string.Equals(before, value, StringComparison.Ordinal))
            {
                (changed ??= new Dictionary<string, string?>(StringComparer.Ordinal))[name] = value;
            }
        }

        if (matched == exported.Count)
        {
            return changed;
        }

        foreach (var (name, value) in exported)
        {
            if (value is not null && !desired.ContainsKey(name))
            {
                (changed ??= new Dictionary<string, string?>(StringComparer.Ordinal))[name] = null;
            }
        }

        return changed;
    }

    /// <summary>The fields to create a record with: every field that has a value.</summary>
    private static IReadOnlyDictionary<string, string?> NonNull(IReadOnlyDictionary<string, string?> fields)
    {
        foreach (var value in fields.Values)
        {
            if (value is null)
            {
                var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var (name, v) in fields)
                {
                    if (v is not null)
                    {
                        copy[name] = v;
                    }
                }

                return copy;
            }
        }

        return fields;
    }
}
