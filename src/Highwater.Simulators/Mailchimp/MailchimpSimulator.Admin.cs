using System.Globalization;
using System.Text.Json.Nodes;
using Highwater.Simulators.Hosting;
using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Mailchimp;

/// <summary>
/// The <c>/_sim/</c> admin contract in the common shape: records by merge tag (<c>EMAIL</c> is the
/// member's address, the other fields its merge fields, a missing tag created as a text merge
/// field), lists as tags (static segments), archived members left out of the state, and Mailchimp's
/// own fault <c>otherConnections</c> beside the common ones.
/// </summary>
public sealed partial class MailchimpSimulator : ISimulatorAdmin
{
    /// <summary>The merge tag harnesses give the e-mail address under (Mailchimp's <c>email_address</c>).</summary>
    internal const string EmailTag = "EMAIL";

    /// <inheritdoc />
    SimulatorState ISimulatorAdmin.Seed(SimulatorSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var records = seed.Records.Select(r => (Given: r, Record: new MailchimpSeedRecord
        {
            Email = r.Email ?? r.Fields.GetValueOrDefault(EmailTag) ?? throw new ArgumentException("a Mailchimp seed record needs an e-mail address", nameof(seed)),
            Fields = r.Fields.Where(f => f.Key != EmailTag).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal),
            Lists = r.Lists,
        })).ToList();
        Seed(new MailchimpSeed { Lists = seed.Lists, Records = [.. records.Select(r => r.Record)] });
        lock (_lock)
        {
            var seeded = new List<SimulatorRecord>();
            foreach (var (given, record) in records)
            {
                var member = Member(Hash(record.Email))!;
                member.SeededId = given.Id ?? member.SeededId;
                seeded.Add(new SimulatorRecord(AdminId(member), member.Email, new Dictionary<string, string?>(), []));
            }

            return new SimulatorState(seeded, AdminLists());
        }
    }

    /// <inheritdoc />
    SimulatorState ISimulatorAdmin.State()
    {
        lock (_lock)
        {
            var records = _members.Values.Where(m => m.Status != "archived").OrderBy(m => m.CreatedAt).ThenBy(m => m.ContactId, StringComparer.Ordinal).Select(m =>
            {
                var fields = m.MergeFields.ToDictionary(f => f.Key, f => (string?)f.Value, StringComparer.Ordinal);
                fields[EmailTag] = m.Email;
                return new SimulatorRecord(AdminId(m), m.Email, fields, [.. _segments.Values.OrderBy(s => s.Id).Where(s => s.Members.Contains(m.ContactId)).Select(s => s.Name)]);
            }).ToList();
            return new SimulatorState(records, AdminLists());
        }
    }

    /// <inheritdoc />
    SimulatorCounts ISimulatorAdmin.Counts() => _counter.Snapshot();

    /// <inheritdoc />
    void ISimulatorAdmin.SetFaults(CommonFaults faults, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(body);
        SetFaults(new MailchimpFaults
        {
            ServerErrorRate = faults.ServerErrorRate,
            SlowMillis = faults.SlowMillis,
            DropRate = faults.DropRate,
            RefuseCredentials = faults.RefuseCredentials,
            OtherConnections = body["otherConnections"]?.GetValue<int>(),
        });
    }

    /// <inheritdoc />
    void ISimulatorAdmin.Reset() => Reset();

    private static string AdminId(MailchimpSimMember member) => member.SeededId ?? Hash(member.Email);

    private List<SimulatorList> AdminLists() =>
        [.. _segments.Values.OrderBy(s => s.Id).Select(s => new SimulatorList(s.Id.ToString(CultureInfo.InvariantCulture), s.Name))];
}
