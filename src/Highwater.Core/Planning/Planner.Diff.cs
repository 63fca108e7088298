using System.Collections.Frozen;
using Highwater.Core.Model;

namespace Highwater.Core.Planning;

public sealed partial class Planner
{
    /// <summary>The mapped lists a request's groups map to.</summary>
    private ListMask DesiredLists(ExportRequest request) => MaskOf(request.Groups, _listIndexByGroup);

    /// <summary>The mapped lists in a set of remote lists.</summary>
    private ListMask MappedOf(IReadOnlySet<string>? lists) => MaskOf(lists, _listIndexByName);

    /// <summary>The lists a set of names maps to through <paramref name="index"/>.</summary>
    private static ListMask MaskOf(IReadOnlySet<string>? names, FrozenDictionary<string, int> index)
    {
        var mask = default(ListMask);
        if (names is null || index.Count == 0)
        {
            return mask;
        }

        // The usual set enumerates without boxing an enumerator.
        if (names is HashSet<string> set)
        {
            foreach (var name in set)
            {
                if (index.TryGetValue(name, out var i))
                {
                    mask = mask.With(i);
                }
            }

            return mask;
        }

        if (names.Count == 0)
        {
            return mask;
        }

        foreach (var name in names)
        {
            if (index.TryGetValue(name, out var i))
            {
                mask = mask.With(i);
            }
        }

        return mask;
    }

    /// <summary>
    /// Compares a request with what was last exported, once per batch: phase one decides the
    /// lookups from it and phase two the writes. A delete needs no diff.
    /// </summary>
    private RequestDiff DiffOf(ExportRequest request)
    {
        if (request.Delete)
        {
            return new RequestDiff(default, default, null, Unchanged: false);
        }

        var desired = DesiredLists(request);
        var last = request.LastExported;
        if (last is null)
        {
            return new RequestDiff(desired, default, null, Unchanged: false);
        }

        var known = MappedOf(last.Lists);
        var changed = ChangedFields(request.Fields, last.Fields);
        var unchanged = !request.KeyChanged && changed is null && desired == known;
        return new RequestDiff(desired, known, changed, unchanged);
    }

    /// <summary>
    /// The fields whose value differs from the base, a field missing from the request counting
    /// as null; null when nothing differs.
    /// </summary>
    private static FieldChanges? ChangedFields(IReadOnlyDictionary<string, string?> desired, IReadOnlyDictionary<string, string?> exported)
    {
        // The engine's case: two maps on one layout hold the same names, so they compare slot by slot.
        if (desired is FieldMap desiredMap && exported is FieldMap exportedMap && desiredMap.Layout.SameAs(exportedMap.Layout))
        {
            return ChangedFields(desiredMap, exportedMap);
        }

        // Two plain dictionaries enumerate without boxing and look up without interface calls.
        if (desired is Dictionary<string, string?> plainDesired && exported is Dictionary<string, string?> plainExported)
        {
            return ChangedFields(plainDesired, plainExported);
        }

        FieldChanges? changed = null;
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
                (changed ??= new FieldChanges()).Add(name, value);
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
                (changed ??= new FieldChanges()).Add(name, null);
            }
        }

        return changed;
    }

    /// <summary>The diff of two maps on one layout: every name is on both sides, so none can have been dropped.</summary>
    private static FieldChanges? ChangedFields(FieldMap desired, FieldMap exported)
    {
        FieldChanges? changed = null;
        var values = desired.Values;
        var before = exported.Values;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (!string.Equals(before[i], value, StringComparison.Ordinal))
            {
                (changed ??= new FieldChanges()).Add(desired.Layout[i], value);
            }
        }

        return changed;
    }

    private static FieldChanges? ChangedFields(Dictionary<string, string?> desired, Dictionary<string, string?> exported)
    {
        if (InStep(desired, exported, out var inStep))
        {
            return inStep;
        }

        FieldChanges? changed = null;
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
                (changed ??= new FieldChanges()).Add(name, value);
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
                (changed ??= new FieldChanges()).Add(name, null);
            }
        }

        return changed;
    }

    /// <summary>
    /// The diff without hashing a name, where it can be had that way: the exported state usually
    /// holds the same fields added in the same order, so walking both in step pairs every name with
    /// its own. False when the names do not pair up (the caller then looks each one up).
    /// </summary>
    private static bool InStep(Dictionary<string, string?> desired, Dictionary<string, string?> exported, out FieldChanges? changed)
    {
        changed = null;
        if (desired.Count != exported.Count)
        {
            return false;
        }

        var before = exported.GetEnumerator();
        foreach (var (name, value) in desired)
        {
            before.MoveNext();
            var (oldName, old) = before.Current;
            if (!string.Equals(name, oldName, StringComparison.Ordinal))
            {
                changed = null;
                return false;
            }

            if (!string.Equals(old, value, StringComparison.Ordinal))
            {
                (changed ??= new FieldChanges()).Add(name, value);
            }
        }

        // The same names, each once: no exported field was dropped.
        return true;
    }

    /// <summary>The fields to create a record with: every field that has a value.</summary>
    private static IReadOnlyDictionary<string, string?> NonNull(IReadOnlyDictionary<string, string?> fields)
    {
        if (fields is FieldMap map)
        {
            return NonNull(map);
        }

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

    /// <summary>A map's non-null fields, in its order, as a short list rather than a second map.</summary>
    private static IReadOnlyDictionary<string, string?> NonNull(FieldMap map)
    {
        var values = map.Values;
        var nulls = 0;
        foreach (var value in values)
        {
            if (value is null)
            {
                nulls++;
            }
        }

        if (nulls == 0)
        {
            return map;
        }

        var copy = new FieldChanges(values.Length - nulls);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value)
            {
                copy.Add(map.Layout[i], value);
            }
        }

        return copy;
    }
}
