using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Highwater.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Highwater.Simulators.Pardot;

public sealed partial class PardotSimulator
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

    private void MapAdmin(WebApplication app)
    {
        app.MapPost("/_sim/seed", (RequestDelegate)(async context =>
        {
            if (await SimulatorAdmin.ReadObjectAsync(context) is not { } body)
            {
                return;
            }

            try
            {
                var seed = new PardotSeed(
                    (body["lists"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList(),
                    (body["records"] as JsonArray)?.Select(n => SeedRecord((JsonObject)n!)).ToList());
                await WriteJsonAsync(context, StateJson(Seed(seed), withDetails: false));
            }
            catch (ArgumentException e)
            {
                await WriteJsonAsync(context, new JsonObject { ["error"] = e.Message }, StatusCodes.Status400BadRequest);
            }
        }));
        app.MapGet("/_sim/state", (RequestDelegate)(context => WriteJsonAsync(context, StateJson(GetState(), withDetails: true))));
        app.MapGet("/_sim/counts", (RequestDelegate)(context =>
        {
            var counts = GetCounts();
            return WriteJsonAsync(context, SimulatorAdmin.CountsJson(counts.ByKind, counts.RateLimitRejections, counts.RecordRejections, counts.Total));
        }));
        app.MapPost("/_sim/faults", (RequestDelegate)(async context =>
        {
            if (await SimulatorAdmin.ReadObjectAsync(context) is not { } body)
            {
                return;
            }

            SetFaults(new PardotFaults
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
        SimulatorAdmin.MapReset(app, Reset);
    }

    private static PardotSimRecord SeedRecord(JsonObject json)
    {
        var fields = (json["fields"] as JsonObject)?.ToDictionary(
            p => p.Key,
            p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : p.Value?.ToJsonString(),
            StringComparer.Ordinal);
        var id = json["id"] is JsonValue idValue ? (idValue.GetValueKind() == JsonValueKind.String ? idValue.GetValue<string>() : idValue.ToJsonString()) : null;
        return new PardotSimRecord(id, (string?)json["email"], fields, (json["lists"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList());
    }

    private static JsonObject StateJson(PardotSimulatorState state, bool withDetails)
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
