using System.Globalization;
using System.Text.Json.Nodes;
using Highwater.Simulators.Hosting;
using Highwater.Simulators.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Marketo;

public sealed partial class MarketoSimulator : ISimulatorAdmin
{
    /// <summary>The folder seeded lists are put in.</summary>
    internal const long SeedFolderId = 12;

    /// <summary>
    /// Adds lists (by name, if missing) and leads. A lead with an id keeps it, replacing any lead
    /// with that id; one without gets the next id. A lead's lists are created if missing.
    /// Answers the seeded leads' ids and e-mails and every list.
    /// </summary>
    public MarketoSimulatorState Seed(MarketoSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var now = _time.GetUtcNow();
        var seeded = new List<MarketoSimRecord>();
        lock (_store.Gate)
        {
            foreach (var name in seed.Lists ?? [])
            {
                _ = _store.ListByName(name) ?? _store.AddList(name, SeedFolderId, now);
            }

            foreach (var record in seed.Records ?? [])
            {
                long? id = record.Id is null ? null : long.Parse(record.Id, NumberStyles.None, CultureInfo.InvariantCulture);
                if (id is { } existing)
                {
                    _store.RemoveLead(existing);
                }

                var lead = _store.AddLead(id, now);
                lead.Email = record.Email;
                foreach (var (field, value) in record.Fields ?? new Dictionary<string, string?>())
                {
                    lead.Set(field, value);
                }

                foreach (var name in record.Lists ?? [])
                {
                    (_store.ListByName(name) ?? _store.AddList(name, SeedFolderId, now)).Members.Add(lead.Id);
                }

                seeded.Add(new MarketoSimRecord(Text(lead.Id), lead.Email));
            }

            return new MarketoSimulatorState(seeded, Lists());
        }
    }

    /// <summary>Every lead with its fields and list names, and every list.</summary>
    public MarketoSimulatorState GetState()
    {
        lock (_store.Gate)
        {
            var records = _store.Leads.Values.Select(lead => new MarketoSimRecord(
                Text(lead.Id),
                lead.Email,
                new Dictionary<string, string?>(lead.Fields, StringComparer.Ordinal),
                _store.Lists.Values.Where(l => l.Members.Contains(lead.Id)).Select(l => l.Name).ToList())).ToList();
            return new MarketoSimulatorState(records, Lists());
        }
    }

    /// <summary>Deletes a lead as a person in Marketo would (no call counted); false when there is none with that id.</summary>
    public bool DeleteLead(string id)
    {
        lock (_store.Gate)
        {
            var lead = LeadById(id);
            if (lead is null)
            {
                return false;
            }

            _store.RemoveLead(lead.Id);
            return true;
        }
    }

    /// <summary>Sets a lead's field (<c>email</c> included) as a person in Marketo would; false when there is no lead with that id.</summary>
    public bool EditLead(string id, string field, string? value)
    {
        lock (_store.Gate)
        {
            if (LeadById(id) is not { } lead)
            {
                return false;
            }

            lead.Set(field, value);
            lead.UpdatedAt = _time.GetUtcNow();
            return true;
        }
    }

    /// <summary>Adds a lead to a static list (made if missing) or takes it out, as a person in Marketo would; false when there is no lead with that id.</summary>
    public bool SetListMember(string id, string list, bool member)
    {
        lock (_store.Gate)
        {
            if (LeadById(id) is not { } lead)
            {
                return false;
            }

            var found = _store.ListByName(list) ?? _store.AddList(list, SeedFolderId, _time.GetUtcNow());
            _ = member ? found.Members.Add(lead.Id) : found.Members.Remove(lead.Id);
            return true;
        }
    }

    private MarketoLead? LeadById(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? _store.Leads.GetValueOrDefault(n) : null;

    private List<MarketoSimList> Lists() => _store.Lists.Values.Select(l => new MarketoSimList(Text(l.Id), l.Name)).ToList();

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The <c>/_sim/</c> endpoints every simulator shares, and Marketo's own <c>POST /_sim/edit</c>.</summary>
    private void MapAdmin(WebApplication app)
    {
        SimulatorAdmin.Map(app, this);
        app.MapPost("/_sim/edit", (RequestDelegate)(async context =>
        {
            if (await SimulatorAdmin.ReadObjectAsync(context) is not { } body)
            {
                return;
            }

            await SimulatorAdmin.WriteAsync(context, Edit(body));
        }));
    }

    SimulatorState ISimulatorAdmin.Seed(SimulatorSeed seed) =>
        Common(Seed(new MarketoSeed(seed.Lists, [.. seed.Records.Select(r => new MarketoSimRecord(r.Id, r.Email, r.Fields, r.Lists))])));

    SimulatorState ISimulatorAdmin.State() => Common(GetState());

    SimulatorCounts ISimulatorAdmin.Counts() => _counter.Snapshot();

    void ISimulatorAdmin.SetFaults(CommonFaults faults, JsonObject body) => SetFaults(faults);

    private static SimulatorState Common(MarketoSimulatorState state) => new(
        [.. state.Records.Select(r => new SimulatorRecord(r.Id ?? "", r.Email, r.Fields ?? new Dictionary<string, string?>(), r.Lists ?? []))],
        [.. state.Lists.Select(l => new SimulatorList(l.Id, l.Name))]);

    /// <summary>
    /// <c>POST /_sim/edit</c>: changes the database as a person in Marketo would, no call counted:
    /// <c>{"delete":["1001"], "set":[{"id":"1002","field":"firstName","value":"X"}],
    /// "lists":[{"id":"1003","list":"Trial Users","member":true}]}</c>. Answers how many edits were
    /// applied and the ids that named no lead.
    /// </summary>
    private JsonObject Edit(JsonObject body)
    {
        var applied = 0;
        var missing = new JsonArray();
        void Count(bool done, string? id)
        {
            if (done)
            {
                applied++;
            }
            else
            {
                missing.Add(id);
            }
        }

        foreach (var id in (body["delete"] as JsonArray ?? []).Select(n => MarketoWire.TryText(n, out var text) ? text : null))
        {
            Count(id is not null && DeleteLead(id), id);
        }

        foreach (var edit in (body["set"] as JsonArray ?? []).OfType<JsonObject>())
        {
            MarketoWire.TryText(edit["id"], out var id);
            MarketoWire.TryText(edit["value"], out var value);
            Count(id is not null && (string?)edit["field"] is { } field && EditLead(id, field, value), id);
        }

        foreach (var edit in (body["lists"] as JsonArray ?? []).OfType<JsonObject>())
        {
            MarketoWire.TryText(edit["id"], out var id);
            Count(id is not null && (string?)edit["list"] is { } list && SetListMember(id, list, edit["member"]?.GetValue<bool>() ?? true), id);
        }

        return new JsonObject { ["applied"] = applied, ["missing"] = missing };
    }
}
