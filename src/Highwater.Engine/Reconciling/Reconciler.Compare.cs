using Highwater.Core.Connectors;
using Highwater.Core.Model;
using Highwater.Engine.Running;
using Highwater.Storage.RemoteState;

namespace Highwater.Engine.Reconciling;

public sealed partial class Reconciler
{
    /// <summary>Compares one chunk of targets with the records read for them; fills <paramref name="repair"/> with what fixes the differences.</summary>
    private List<ReconcileDifference> Compare(IReadOnlyList<ReconcileTarget> targets, IReadOnlyList<RemoteRecord> records, ReconcileRepair repair)
    {
        var byId = new Dictionary<string, RemoteRecord>(StringComparer.Ordinal);
        var byKey = new Dictionary<string, List<RemoteRecord>>(ForeignKeys.Comparer);
        foreach (var record in records)
        {
            byId[record.RemoteId] = record;
            if (record.ForeignKey is { Length: > 0 } key)
            {
                if (!byKey.TryGetValue(key, out var list))
                {
                    byKey[key] = list = [];
                }

                list.Add(record);
            }
        }

        var differences = new List<ReconcileDifference>();
        foreach (var target in targets)
        {
            if (target.Profile.Deleted)
            {
                if (target.StoredId is { } id && byId.TryGetValue(id, out var left))
                {
                    differences.Add(new ReconcileDifference(target.Key, DifferenceKind.ShouldNotExist, id, left.ForeignKey));
                    repair.States.Add(Read(target, left));
                    repair.Export.Add(target.Key);
                }

                continue;
            }

            var fk = target.ForeignKey!;
            var owned = target.StoredId is { } storedId ? byId.GetValueOrDefault(storedId) : null;
            var under = byKey.GetValueOrDefault(fk) ?? [];
            var current = owned is not null && ForeignKeys.Comparer.Equals(owned.ForeignKey ?? "", fk)
                ? owned
                : under.FirstOrDefault(r => r.RemoteId == target.StoredId) ?? under.FirstOrDefault();
            var orphan = owned is not null && !ForeignKeys.Comparer.Equals(owned.ForeignKey ?? "", fk) ? owned : null;

            if (current is null)
            {
                if (orphan is not null)
                {
                    // Its own record under an old key: exported from what was read, the key change moves it by id.
                    differences.Add(new ReconcileDifference(target.Key, DifferenceKind.Orphan, orphan.RemoteId, orphan.ForeignKey));
                    repair.States.Add(Read(target, orphan));
                    repair.Export.Add(target.Key);
                }
                else if (_destination.Config.SyncMode == SyncMode.Enrich)
                {
                    differences.Add(new ReconcileDifference(target.Key, DifferenceKind.MissingRecord, null, fk) { State = FixState.Left, Note = "enrich mode creates no record" });
                }
                else
                {
                    differences.Add(new ReconcileDifference(target.Key, DifferenceKind.MissingRecord, null, fk));
                    repair.Forget.Add(target.Key);
                    repair.Export.Add(target.Key);
                }

                continue;
            }

            if (orphan is not null)
            {
                // Its own record under an old key, and another one under its key: which is the
                // person's is not for reconcile to guess (the other may be a CRM-only record).
                differences.Add(new ReconcileDifference(target.Key, DifferenceKind.Orphan, orphan.RemoteId, orphan.ForeignKey)
                {
                    State = FixState.Left,
                    Note = $"record {current.RemoteId} holds its key {fk}; merge or delete one of the two by hand",
                });
                continue;
            }

            var found = new List<ReconcileDifference>();
            var desired = ExportDoubts.DesiredLists(target.Profile.Groups, _destination.Config.Lists);
            foreach (var name in _destination.Fields.Names)
            {
                var want = target.Profile.Properties.GetValueOrDefault(_destination.Config.Fields[name]);
                var have = current.Fields.GetValueOrDefault(name);
                if (!string.Equals(Normal(want), Normal(have), StringComparison.Ordinal))
                {
                    found.Add(new ReconcileDifference(target.Key, DifferenceKind.FieldDiffers, current.RemoteId, fk, name, have, want));
                }
            }

            if (current.Lists is { } lists)
            {
                foreach (var list in _mappedLists)
                {
                    if (desired.Contains(list) && !lists.Contains(list))
                    {
                        found.Add(new ReconcileDifference(target.Key, DifferenceKind.ListMissing, current.RemoteId, fk, list));
                    }
                    else if (!desired.Contains(list) && lists.Contains(list))
                    {
                        found.Add(new ReconcileDifference(target.Key, DifferenceKind.ListExtra, current.RemoteId, fk, list));
                    }
                }
            }

            differences.AddRange(found);
            if (found.Count > 0 || (target.Stored is not null && current.RemoteId != target.StoredId))
            {
                // What was read is the diff base, so the export sends exactly what differs; a record
                // under the profile's own key is the one an export by that key writes anyway.
                repair.States.Add(Read(target, current));
                if (found.Count > 0)
                {
                    repair.Export.Add(target.Key);
                }
            }
        }

        return differences;
    }

    /// <summary>The remote state that says what was read: the record's id, key, mapped fields and mapped lists (the stored lists where the read could not say).</summary>
    private RemoteRecordState Read(ReconcileTarget target, RemoteRecord record)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in _destination.Fields.Names)
        {
            fields[name] = record.Fields.GetValueOrDefault(name);
        }

        var lists = record.Lists is { } read
            ? read.Where(_mappedLists.Contains).ToHashSet(StringComparer.Ordinal)
            : (target.Stored?.Lists ?? FieldValues.NoNames).Where(l => !l.StartsWith(ExportDoubts.ListMark, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        return new RemoteRecordState(_destination.Name, target.Key, record.RemoteId, record.ForeignKey, fields, lists, _engine.Time.GetUtcNow());
    }

    /// <summary>A value as compared: no value and an empty one are the same.</summary>
    private static string? Normal(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
