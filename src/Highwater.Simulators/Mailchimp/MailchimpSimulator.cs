using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Highwater.Simulators.Hosting;

namespace Highwater.Simulators.Mailchimp;

/// <summary>
/// A local stand-in for one Mailchimp audience on 127.0.0.1, Marketing API 3.0: batch subscribe
/// (<c>POST /3.0/lists/{list_id}</c>), members by subscriber hash (GET, PUT, PATCH, DELETE to
/// archive, <c>actions/delete-permanent</c>, <c>tags</c>), static segments (list, create, batch add
/// and remove, members), merge fields, and Batch Operations (<c>POST /3.0/batches</c>, polled, their
/// results a gzipped tar the simulator serves itself). HTTP Basic auth with the API key as password;
/// at most 10 requests in progress at once, the next answered 429; problem-detail error bodies.
/// Admin endpoints under <c>/_sim/</c>.
/// </summary>
public sealed partial class MailchimpSimulator : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly MailchimpSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, MailchimpSimMember> _members = new(StringComparer.Ordinal);

    /// <summary>The hashes of permanently deleted addresses: Mailchimp never lets the API add them again.</summary>
    private readonly HashSet<string> _forgotten = new(StringComparer.Ordinal);
    private readonly Dictionary<int, MailchimpSimSegment> _segments = [];
    private readonly List<string> _mergeFields = [];
    private readonly Dictionary<string, MailchimpSimBatch> _batches = new(StringComparer.Ordinal);
    private readonly CallLimiter _limiter;
    private readonly CallCounter _counter = new("upsert", "update", "delete", "tags", "segment", "batch");
    private readonly FaultInjector _faults;
    private int _nextSegment = 2001;
    private long _nextId = 1;
    private int _mostConnections;
    private int _otherConnections;
    private SimulatorHost? _host;

    private MailchimpSimulator(MailchimpSimulatorOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatch, 1);
        _options = options;
        _time = options.TimeProvider ?? TimeProvider.System;
        _limiter = new CallLimiter(new CallLimits { MaxConcurrent = options.MaxConnections });
        _faults = new FaultInjector(options.RandomSeed);
        _mergeFields.AddRange(options.MergeFields);
    }

    /// <summary>Where the simulator answers, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress => _host?.BaseAddress ?? throw new InvalidOperationException("the simulator is not started");

    /// <summary>API requests in progress now.</summary>
    public int Connections => _limiter.InFlight;

    /// <summary>Starts a simulator.</summary>
    public static async Task<MailchimpSimulator> StartAsync(MailchimpSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var simulator = new MailchimpSimulator(options);
        simulator._host = await SimulatorHost.StartAsync(options.Port, simulator.Map, options.Logging, cancellationToken).ConfigureAwait(false);
        return simulator;
    }

    /// <summary>The subscriber hash of an e-mail: the MD5 of its lower-cased form, in hex.</summary>
    public static string Hash(string email) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    /// <summary>Puts merge fields, tags and members in the audience; a merge tag a record uses is created as a text merge field.</summary>
    /// <exception cref="ArgumentException">An e-mail that is not one, or a status Mailchimp does not have.</exception>
    public MailchimpState Seed(MailchimpSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        lock (_lock)
        {
            foreach (var tag in seed.MergeFields.Concat(seed.Records.SelectMany(r => r.Fields.Keys)))
            {
                AddMergeField(tag);
            }

            foreach (var name in seed.Lists.Concat(seed.Records.SelectMany(r => r.Lists)))
            {
                _ = SegmentNamed(name) ?? AddSegment(name);
            }

            foreach (var record in seed.Records)
            {
                if (!IsEmail(record.Email))
                {
                    throw new ArgumentException($"seed record e-mail '{record.Email}' is not an e-mail address", nameof(seed));
                }

                if (!Statuses.Contains(record.Status, StringComparer.Ordinal) && record.Status != "archived")
                {
                    throw new ArgumentException($"seed record status '{record.Status}' is not one of {string.Join(", ", Statuses)}, archived", nameof(seed));
                }

                var member = Member(Hash(record.Email)) ?? AddMember(record.Email, record.Status);
                member.Status = record.Status;
                foreach (var (tag, value) in record.Fields)
                {
                    SetField(member, tag, value);
                }

                foreach (var name in record.Lists)
                {
                    SegmentNamed(name)!.Members.Add(member.ContactId);
                }
            }

            return StateLocked();
        }
    }

    /// <summary>Everything the audience holds.</summary>
    public MailchimpState GetState()
    {
        lock (_lock)
        {
            return StateLocked();
        }
    }

    /// <summary>Requests answered so far, by kind.</summary>
    public MailchimpCounts GetCounts()
    {
        var counts = _counter.Snapshot();
        return new MailchimpCounts(counts.ByKind, counts.RateLimitRejections, counts.RecordRejections, Volatile.Read(ref _mostConnections), counts.Total);
    }

    /// <summary>Sets faults; an absent field leaves that fault as it is.</summary>
    public void SetFaults(MailchimpFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        _faults.Set(new CommonFaults { ServerErrorRate = faults.ServerErrorRate, SlowMillis = faults.SlowMillis, DropRate = faults.DropRate, RefuseCredentials = faults.RefuseCredentials });
        if (faults.OtherConnections is { } other)
        {
            Volatile.Write(ref _otherConnections, Math.Max(0, other));
        }
    }

    /// <summary>Empties the audience and clears counts, batches and faults.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _members.Clear();
            _forgotten.Clear();
            _segments.Clear();
            _mergeFields.Clear();
            _mergeFields.AddRange(_options.MergeFields);
            _batches.Clear();
            _counter.Reset();
            _limiter.Reset();
            _faults.Reset();
            _mostConnections = 0;
            _otherConnections = 0;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static readonly string[] Statuses = ["subscribed", "unsubscribed", "cleaned", "pending", "transactional"];

    private MailchimpState StateLocked()
    {
        var segments = _segments.Values.OrderBy(s => s.Id).ToList();
        var records = _members.Select(p => (Hash: p.Key, Member: p.Value)).OrderBy(m => m.Member.CreatedAt).ThenBy(m => m.Member.ContactId, StringComparer.Ordinal).Select(m => new MailchimpStateRecord(
            m.Hash,
            m.Member.Email,
            m.Member.Status,
            m.Member.MergeFields.ToDictionary(f => f.Key, f => (string?)f.Value, StringComparer.Ordinal),
            [.. segments.Where(s => s.Members.Contains(m.Member.ContactId)).Select(s => s.Name)])).ToList();
        return new MailchimpState(records, [.. segments.Select(s => s.Name)], [.. _mergeFields]);
    }

    private MailchimpSimMember? Member(string hash) => _members.GetValueOrDefault(hash);

    private MailchimpSimMember AddMember(string email, string status)
    {
        var member = new MailchimpSimMember(email, status, NextId(32), _time.GetUtcNow());
        _members[Hash(email)] = member;
        return member;
    }

    private void SetField(MailchimpSimMember member, string tag, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            member.MergeFields.Remove(tag);
        }
        else
        {
            member.MergeFields[tag] = value;
        }
    }

    private void AddMergeField(string tag)
    {
        if (!_mergeFields.Contains(tag, StringComparer.Ordinal))
        {
            _mergeFields.Add(tag);
        }
    }

    private MailchimpSimSegment AddSegment(string name)
    {
        var segment = new MailchimpSimSegment(_nextSegment++, name, _time.GetUtcNow());
        _segments[segment.Id] = segment;
        return segment;
    }

    private MailchimpSimSegment? SegmentNamed(string name) =>
        _segments.Values.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    private void Count(string kind) => _counter.Count(kind);

    /// <summary>A hex id of <paramref name="length"/> digits, unique in this run.</summary>
    private string NextId(int length) => (_nextId++).ToString("x", CultureInfo.InvariantCulture).PadLeft(length, '0');

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    private static bool IsEmail(string? value) =>
        value is { Length: > 2 } v && v.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at < v.Length - 1
        && v.IndexOf('.', at) > at + 1 && !v.Any(char.IsWhiteSpace) && v.Count(c => c == '@') == 1 && !v.EndsWith('.');
}
