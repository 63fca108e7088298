using System.Globalization;
using System.Text.Json.Nodes;
using Highwater.Simulators.Hosting;
using Highwater.Simulators.Modules;
using Microsoft.AspNetCore.Builder;

namespace Highwater.Simulators.Pardot;

public sealed partial class PardotSimulator : ISimulatorAdmin
{
    /// <summary>
    /// Adds lists (by name, if missing) and prospects. A prospect with an id keeps it, replacing any
    /// prospect with that id; one without gets the next id. Its lists are created if missing; its
    /// fields are v4 names (<c>first_name</c>). Answers the seeded prospects' ids and e-mails and every list.
    /// </summary>
    /// <exception cref="ArgumentException">A field the business unit does not have, or an id that is not a number.</exception>
    public PardotSimulatorState Seed(PardotSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var now = _time.GetUtcNow();
        var seeded = new List<PardotSimRecord>();
        lock (_store.Gate)
        {
            foreach (var name in seed.Lists ?? [])
            {
                _ = _store.ListByName(name) ?? _store.AddList(name, now);
            }

            foreach (var record in seed.Records ?? [])
            {
                long? id = record.Id is null ? null
                    : long.TryParse(record.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                    : throw new ArgumentException($"seed record id '{record.Id}' is not a Pardot prospect id (a positive integer)", nameof(seed));
                var fields = record.Fields ?? new Dictionary<string, string?>();
                foreach (var field in fields.Keys.Where(f => f != "email" && !_fields.IsWritable(f)))
                {
                    throw new ArgumentException($"seed record '{record.Email}': prospects have no field '{field}'", nameof(seed));
                }

                if (id is { } existing)
                {
                    _store.Prospects.Remove(existing);
                    foreach (var list in _store.Lists.Values)
                    {
                        list.Members.Remove(existing);
                    }
                }

                var prospect = _store.AddProspect(id, now);
                prospect.Email = record.Email ?? fields.GetValueOrDefault("email");
                prospect.CampaignId = _options.DefaultCampaignId;
                foreach (var (field, value) in fields.Where(f => f.Key != "email"))
                {
                    prospect.Set(field, value);
                }

                foreach (var name in record.Lists ?? [])
                {
                    _store.Join(_store.ListByName(name) ?? _store.AddList(name, now), prospect.Id, now);
                }

                seeded.Add(new PardotSimRecord(Text(prospect.Id), prospect.Email));
            }

            return new PardotSimulatorState(seeded, Lists());
        }
    }

    /// <summary>Every prospect not in the recycle bin, with its fields and list names, and every list.</summary>
    public PardotSimulatorState GetState()
    {
        lock (_store.Gate)
        {
            AdvanceImports(_time.GetUtcNow());
            var records = _store.Prospects.Values.Where(p => !p.Deleted).OrderBy(p => p.Id).Select(p => new PardotSimRecord(
                Text(p.Id),
                p.Email,
                new Dictionary<string, string?>(p.Fields, StringComparer.Ordinal),
                [.. _store.ListsOf(p.Id).Select(l => l.Name)])).ToList();
            return new PardotSimulatorState(records, Lists());
        }
    }

    private List<PardotSimList> Lists() => [.. _store.Lists.Values.OrderBy(l => l.Id).Select(l => new PardotSimList(Text(l.Id), l.Name))];

    /// <summary>The <c>/_sim/</c> endpoints every simulator shares.</summary>
    private void MapAdmin(WebApplication app) => SimulatorAdmin.Map(app, this);

    SimulatorState ISimulatorAdmin.Seed(SimulatorSeed seed) =>
        Common(Seed(new PardotSeed(seed.Lists, [.. seed.Records.Select(r => new PardotSimRecord(r.Id, r.Email, r.Fields, r.Lists))])));

    SimulatorState ISimulatorAdmin.State() => Common(GetState());

    SimulatorCounts ISimulatorAdmin.Counts() => _counter.Snapshot();

    void ISimulatorAdmin.SetFaults(CommonFaults faults, JsonObject body) => SetFaults(faults);

    private static SimulatorState Common(PardotSimulatorState state) => new(
        [.. state.Records.Select(r => new SimulatorRecord(r.Id ?? "", r.Email, r.Fields ?? new Dictionary<string, string?>(), r.Lists ?? []))],
        [.. state.Lists.Select(l => new SimulatorList(l.Id, l.Name))]);
}
