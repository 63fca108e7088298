using System.Globalization;
using System.Text.Json.Nodes;
using Highwater.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Marketo;

public sealed partial class MarketoSimulator
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

    private void MapAdmin(WebApplication app)
    {
        app.MapPost("/_sim/seed", (RequestDelegate)(async context =>
        {
            if (await SimulatorAdmin.ReadObjectAsync(context) is not { } body)
            {
                return;
            }

            var seed = new MarketoSeed(
                (body["lists"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList(),
                (body["records"] as JsonArray)?.Select(n => SeedRecord((JsonObject)n!)).ToList());
            await WriteAsync(context, StateJson(Seed(seed), withDetails: false));
        }));
        app.MapGet("/_sim/state", (RequestDelegate)(context => WriteAsync(context, StateJson(GetState(), withDetails: true))));
        app.MapGet("/_sim/counts", (RequestDelegate)(context =>
        {
            var counts = GetCounts();
            return WriteAsync(context, SimulatorAdmin.CountsJson(counts.ByKind, counts.RateLimitRejections, counts.RecordRejections, counts.Total));
        }));
        app.MapPost("/_sim/faults", (RequestDelegate)(async context =>
        {
            if (await SimulatorAdmin.ReadObjectAsync(context) is not { } body)
            {
                return;
            }

            SetFaults(new MarketoFaults
            {
                ServerErrorRate = body["serverErrorRate"]?.GetValue<double>(),
                SlowMillis = body["slowMillis"]?.GetValue<int>(),
                DropRate = body["dropRate"]?.GetValue<double>(),
                ExpireTokens = body["expireTokens"]?.GetValue<bool>(),
                SpentToday = body["spentToday"]?.GetValue<long>(),
                RefuseCredentials = body["refuseCredentials"]?.GetValue<bool>(),
            });
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }));
        app.MapPost("/_sim/edit", (RequestDelegate)(async context =>
        {
            if (await SimulatorAdmin.ReadObjectAsync(context) is not { } body)
            {
                return;
            }

            await WriteAsync(context, Edit(body));
        }));
        SimulatorAdmin.MapReset(app, Reset);
    }

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

    private static MarketoSimRecord SeedRecord(JsonObject json)
    {
        var fields = (json["fields"] as JsonObject)?.ToDictionary(
            p => p.Key,
            p => MarketoWire.TryText(p.Value, out var text) ? text : p.Value!.ToJsonString(),
            StringComparer.Ordinal);
        MarketoWire.TryText(json["id"], out var id);
        return new MarketoSimRecord(
            id,
            (string?)json["email"],
            fields,
            (json["lists"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList());
    }

    private static JsonObject StateJson(MarketoSimulatorState state, bool withDetails)
    {
        var records = new JsonArray();
        foreach (var record in state.Records)
        {
            var json = new JsonObject { ["id"] = record.Id, ["email"] = record.Email };
            if (withDetails)
            {
                var fields = new JsonObject();
                foreach (var (field, value) in record.Fields ?? new Dictionary<string, string?>())
                {
                    fields[field] = value;
                }

                json["fields"] = fields;
                json["lists"] = new JsonArray([.. (record.Lists ?? []).Select(n => (JsonNode)n)]);
            }

            records.Add(json);
        }

        var lists = new JsonArray([.. state.Lists.Select(l => (JsonNode)new JsonObject { ["id"] = l.Id, ["name"] = l.Name })]);
        return new JsonObject { ["records"] = records, ["lists"] = lists };
    }
}
