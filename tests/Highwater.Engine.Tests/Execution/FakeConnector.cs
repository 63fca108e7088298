using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Engine.Tests.Execution;

/// <summary>
/// An in-memory service behind the connector contract: records by id with an e-mail, fields and
/// lists; with scripted faults per call kind. Counts every call it answers, including failed ones.
/// </summary>
internal sealed class FakeConnector(ServiceCapabilities capabilities) : IServiceConnector
{
    private int _nextId = 1000;

    public ServiceCapabilities Capabilities { get; } = capabilities;

    public Dictionary<string, FakeRecord> Records { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Lists { get; } = new(StringComparer.Ordinal);

    public List<CallKind> Calls { get; } = [];

    /// <summary>Scripted faults: for a call kind, a queue of faults the next calls of that kind meet.</summary>
    public Dictionary<CallKind, Queue<Fault>> Faults { get; } = [];

    /// <summary>E-mails the service refuses, with the reason.</summary>
    public Dictionary<string, string> InvalidEmails { get; } = new(ForeignKeys.Comparer);

    public FakeRecord Add(string email, IReadOnlyDictionary<string, string?>? fields = null, params string[] lists)
    {
        var record = new FakeRecord((_nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture), email) { Fields = new(fields ?? FieldValues.Empty, StringComparer.Ordinal) };
        record.Lists.UnionWith(lists);
        Records[record.Id] = record;
        return record;
    }

    public IEnumerable<FakeRecord> ByEmail(string email) => Records.Values.Where(r => ForeignKeys.Comparer.Equals(r.Email, email));

    public void Inject(CallKind kind, params Fault[] faults)
    {
        if (!Faults.TryGetValue(kind, out var queue))
        {
            Faults[kind] = queue = new Queue<Fault>();
        }

        foreach (var fault in faults)
        {
            queue.Enqueue(fault);
        }
    }

    public Task<IReadOnlyDictionary<string, string>> EnsureListsAsync(IReadOnlyCollection<string> names, bool createMissing, CancellationToken cancellationToken)
    {
        foreach (var name in names)
        {
            if (!Lists.Contains(name))
            {
                if (!createMissing)
                {
                    throw new ServiceCallException($"list '{name}' does not exist", ServiceCallFailure.Permanent);
                }

                Lists.Add(name);
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(names.ToDictionary(n => n, n => "L-" + n, StringComparer.Ordinal));
    }

    public Task<IReadOnlyList<RemoteMatch>> LookupAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        Calls.Add(call.Kind);
        Before(call.Kind);
        var matches = new List<RemoteMatch>();
        foreach (var record in call.Records)
        {
            foreach (var found in ByEmail(record.ForeignKey!))
            {
                matches.Add(new RemoteMatch(record.ForeignKey!, found.Id, Capabilities.Lookup!.Value.ReturnsMemberships ? found.Lists.ToHashSet(StringComparer.Ordinal) : null));
            }
        }

        return Task.FromResult<IReadOnlyList<RemoteMatch>>(matches);
    }

    public Task<CallResult> ExecuteAsync(PlannedCall call, CancellationToken cancellationToken)
    {
        Calls.Add(call.Kind);
        var fault = Before(call.Kind);
        var outcomes = call.Records.Select(r => Apply(call, r)).ToList();
        if (fault == Fault.LostAnswer)
        {
            throw new ServiceCallException("the connection dropped after the request was sent", ServiceCallFailure.Unknown, "connection");
        }

        return Task.FromResult(new CallResult(outcomes));
    }

    private Fault Before(CallKind kind)
    {
        if (!Faults.TryGetValue(kind, out var queue) || !queue.TryDequeue(out var fault))
        {
            return Fault.None;
        }

        return fault switch
        {
            Fault.Transient => throw new ServiceCallException("HTTP 503 Service Unavailable", ServiceCallFailure.Transient, "503"),
            Fault.RateLimited => throw new ServiceCallException("Max rate limit '100' exceeded with in '20' secs", ServiceCallFailure.RateLimited, "606"),
            Fault.Permanent => throw new ServiceCallException("HTTP 400 malformed request", ServiceCallFailure.Permanent, "400"),
            _ => fault,
        };
    }

    private RecordOutcome Apply(PlannedCall call, PlannedRecord record)
    {
        switch (call.Kind)
        {
            case CallKind.Delete:
                Records.Remove(record.RemoteId!);
                return RecordOutcome.Done(record.ProfileKey);
            case CallKind.Create or CallKind.Upsert or CallKind.Update:
                if (InvalidEmails.TryGetValue(record.ForeignKey ?? "", out var why))
                {
                    return RecordOutcome.Rejected(record.ProfileKey, "1003", why);
                }

                var target = record.RemoteId is { } id ? Records.GetValueOrDefault(id)
                    : call.Kind == CallKind.Create ? null
                    : ByEmail(record.MatchForeignKey ?? record.ForeignKey!).FirstOrDefault();
                if (target is null && call.Kind == CallKind.Update)
                {
                    return RecordOutcome.Rejected(record.ProfileKey, "1004", "Lead not found");
                }

                target ??= Add(record.ForeignKey!);
                target.Email = record.ForeignKey ?? target.Email;
                foreach (var (name, value) in record.Fields ?? FieldValues.Empty)
                {
                    target.Fields[name] = value;
                }

                foreach (var change in record.ListChanges ?? [])
                {
                    Change(target, change);
                }

                return RecordOutcome.Done(record.ProfileKey, target.Id);
            default:
                var member = Records[record.RemoteId!];
                if (record.ListChanges is { Count: > 0 } changes)
                {
                    foreach (var change in changes)
                    {
                        Change(member, change);
                    }
                }
                else
                {
                    Change(member, new ListChange(call.List!, call.Kind == CallKind.ListRemove ? MembershipDirection.Remove : MembershipDirection.Add));
                }

                return RecordOutcome.Done(record.ProfileKey);
        }
    }

    private static void Change(FakeRecord record, ListChange change)
    {
        if (change.Direction == MembershipDirection.Add)
        {
            record.Lists.Add(change.List);
        }
        else
        {
            record.Lists.Remove(change.List);
        }
    }
}

internal sealed class FakeRecord(string id, string email)
{
    public string Id { get; } = id;

    public string Email { get; set; } = email;

    public Dictionary<string, string?> Fields { get; init; } = new(StringComparer.Ordinal);

    public HashSet<string> Lists { get; } = new(StringComparer.Ordinal);
}

internal enum Fault
{
    None,
    Transient,
    RateLimited,
    Permanent,
    LostAnswer,
}
