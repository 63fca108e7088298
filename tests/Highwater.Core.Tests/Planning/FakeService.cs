using Highwater.Core.Capabilities;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Core.Tests.Planning;

/// <summary>
/// An in-memory service with given capabilities that carries out planned calls the way a real
/// one would, and records every rule a call breaks: more records than the maximum, a record that
/// changes nothing, a membership call without an id.
/// </summary>
internal sealed class FakeService(ServiceCapabilities capabilities)
{
    private readonly Dictionary<string, RemoteRecord> _records = new(StringComparer.Ordinal);
    private int _nextId = 1000;

    public ServiceCapabilities Capabilities { get; } = capabilities;

    public List<string> Violations { get; } = [];

    public int Requests { get; private set; }

    public Dictionary<CallKind, int> CallsByKind { get; } = [];

    public IEnumerable<RemoteRecord> Records => _records.Values;

    public RemoteRecord Add(string email, Dictionary<string, string?> fields, IEnumerable<string> lists, string? id = null)
    {
        var record = new RemoteRecord(id ?? $"r{_nextId++}", email, new(fields, StringComparer.Ordinal), new(lists, StringComparer.Ordinal));
        _records.Add(record.Id, record);
        return record;
    }

    public IEnumerable<RemoteRecord> WithEmail(string email) =>
        _records.Values.Where(r => ForeignKeys.Comparer.Equals(r.Email, email)).OrderBy(r => r.Id, StringComparer.Ordinal);

    public RemoteRecord? Get(string id) => _records.GetValueOrDefault(id);

    /// <summary>Answers one lookup call.</summary>
    public List<RemoteMatch> Lookup(PlannedCall call)
    {
        Count(call, Capabilities.Lookup?.MaxKeys);
        var matches = new List<RemoteMatch>();
        foreach (var record in call.Records)
        {
            foreach (var found in WithEmail(record.ForeignKey!))
            {
                matches.Add(new RemoteMatch(record.ForeignKey!, found.Id, Capabilities.Lookup!.Value.ReturnsMemberships ? found.Lists.ToHashSet() : null));
            }
        }

        return matches;
    }

    /// <summary>Carries out one write or membership call; records created ids in <paramref name="ids"/> by profile key.</summary>
    public void Execute(PlannedCall call, Dictionary<string, string> ids)
    {
        switch (call.Kind)
        {
            case CallKind.Delete:
                Count(call, Capabilities.Delete?.MaxBatch);
                foreach (var record in call.Records)
                {
                    Changed(call, record, _records.Remove(record.RemoteId!));
                }

                break;
            case CallKind.Update:
                Count(call, Capabilities.Update?.MaxBatch);
                foreach (var record in call.Records)
                {
                    var target = Capabilities.Update!.Value.ByRemoteId
                        ? Get(record.RemoteId ?? "")
                        : WithEmail(record.MatchForeignKey ?? record.ForeignKey!).FirstOrDefault();
                    if (target is null)
                    {
                        Violations.Add($"update of {record.ProfileKey}: no such record");
                        continue;
                    }

                    Changed(call, record, Write(target, record));
                    ids[record.ProfileKey] = target.Id;
                }

                break;
            case CallKind.Create:
                Count(call, Capabilities.Create?.MaxBatch);
                foreach (var record in call.Records)
                {
                    var created = Add(record.ForeignKey!, [], []);
                    Write(created, record);
                    ids[record.ProfileKey] = created.Id;
                    Changed(call, record, true);
                }

                break;
            case CallKind.Upsert:
                Count(call, Capabilities.Upsert?.MaxBatch);
                foreach (var record in call.Records)
                {
                    var target = record.RemoteId is { } id && Capabilities.Upsert!.Value.ByRemoteId
                        ? Get(id)
                        : WithEmail(record.ForeignKey!).FirstOrDefault();
                    var created = target is null;
                    target ??= Add(record.ForeignKey!, [], []);
                    var changed = Write(target, record) || created;
                    if (Capabilities.Upsert!.Value.ReturnsIds)
                    {
                        ids[record.ProfileKey] = target.Id;
                    }

                    Changed(call, record, changed);
                }

                break;
            case CallKind.ListAdd:
            case CallKind.ListRemove:
            case CallKind.ListUpdate:
                Count(call, Capabilities.Membership.MaxBatch);
                foreach (var record in call.Records)
                {
                    var id = record.RemoteId ?? ids.GetValueOrDefault(record.ProfileKey);
                    var target = Capabilities.Membership.ByForeignKey
                        ? WithEmail(record.ForeignKey!).FirstOrDefault()
                        : id is null ? null : Get(id);
                    if (target is null)
                    {
                        Violations.Add($"{call.Kind} of {record.ProfileKey}: no id for the record");
                        continue;
                    }

                    var change = Assert.Single(record.ListChanges!);
                    if (call.List is not null && call.List != change.List)
                    {
                        Violations.Add($"{call.Kind} for list {call.List} carries a change to {change.List}");
                    }

                    Changed(call, record, Apply(target, change));
                }

                break;
            default:
                throw new InvalidOperationException($"unexpected {call.Kind}");
        }
    }

    private static bool Write(RemoteRecord target, PlannedRecord record)
    {
        var changed = false;
        if (record.ForeignKey is { } email && !string.Equals(target.Email, email, StringComparison.Ordinal))
        {
            target.Email = email;
            changed = true;
        }

        foreach (var (name, value) in record.Fields ?? FieldValues.Empty)
        {
            if (!string.Equals(target.Fields.GetValueOrDefault(name), value, StringComparison.Ordinal))
            {
                target.Fields[name] = value;
                changed = true;
            }
        }

        foreach (var change in record.ListChanges ?? [])
        {
            changed |= Apply(target, change);
        }

        return changed;
    }

    private static bool Apply(RemoteRecord target, ListChange change) =>
        change.Direction == MembershipDirection.Add ? target.Lists.Add(change.List) : target.Lists.Remove(change.List);

    private void Count(PlannedCall call, int? max)
    {
        Requests += call.Requests;
        CallsByKind[call.Kind] = CallsByKind.GetValueOrDefault(call.Kind) + 1;
        if (max is null)
        {
            Violations.Add($"{call.Kind}: the service has no such operation");
        }
        else if (call.Records.Count > max || call.Records.Count == 0)
        {
            Violations.Add($"{call.Kind}: {call.Records.Count} records (max {max})");
        }
    }

    private void Changed(PlannedCall call, PlannedRecord record, bool changed)
    {
        if (!changed)
        {
            Violations.Add($"{call.Kind} of {record.ProfileKey} changed nothing");
        }
    }
}

internal sealed class RemoteRecord(string id, string email, Dictionary<string, string?> fields, HashSet<string> lists)
{
    public string Id { get; } = id;

    public string Email { get; set; } = email;

    public Dictionary<string, string?> Fields { get; } = fields;

    public HashSet<string> Lists { get; } = lists;
}
