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

        var lists = new List<string>(request.Groups.Count);
        foreach (var group in request.Groups)
        {
            if (_listsByGroup.TryGetValue(group, out var list) && !lists.Contains(list))
            {
                lists.Add(list);
            }
        }

        lists.Sort(StringComparer.Ordinal);
        return [.. lists];
    }

    /// <summary>The mapped lists in a set of remote lists, in ordinal order.</summary>
    private string[] MappedOf(IReadOnlySet<string>? lists)
    {
        if (lists is null || lists.Count == 0 || _mappedLists.Count == 0)
        {
            return [];
        }

        var mapped = new List<string>(lists.Count);
        foreach (var list in lists)
        {
            if (_mappedLists.Contains(list))
            {
                mapped.Add(list);
            }
        }

        mapped.Sort(StringComparer.Ordinal);
        return [.. mapped];
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

    private bool IsUnchanged(ExportRequest request, string[] desired) =>
        !request.Delete &&
        request.LastExported is { } last &&
        !request.KeyChanged &&
        SameLists(desired, last) &&
        ChangedFields(request.Fields, last.Fields) is null;

    /// <summary>
    /// The fields whose value differs from the base, a field missing from the request counting
    /// as null; null when nothing differs.
    /// </summary>
    private static Dictionary<string, string?>? ChangedFields(IReadOnlyDictionary<string, string?> desired, IReadOnlyDictionary<string, string?> exported)
    {
        Dictionary<string, string?>? changed = null;
        foreach (var (name, value) in desired)
        {
            var before = exported.TryGetValue(name, out var old) ? old : null;
            if (!string.Equals(before, value, StringComparison.Ordinal))
            {
                (changed ??= new Dictionary<string, string?>(StringComparer.Ordinal))[name] = value;
            }
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
