using System.Net;
using System.Text.Json.Nodes;
using Highwater.Core.Connectors;

namespace Highwater.Connectors.Eloqua;

public sealed partial class EloquaConnector : IRecordReader
{
    /// <inheritdoc />
    /// <remarks>One search per key and per id (ids only when no key found them), and one membership read per record found when lists are asked for.</remarks>
    public int ReadCalls(int foreignKeys, int remoteIds, int lists) =>
        Math.Max(0, foreignKeys) + Math.Max(0, remoteIds) + (lists > 0 ? Math.Max(Math.Max(0, foreignKeys), remoteIds) : 0);

    /// <inheritdoc />
    /// <remarks>
    /// <c>GET /api/REST/1.0/data/contacts?search=emailAddress='..'&amp;depth=complete</c> per key, then
    /// <c>search=id=..</c> for the ids no key found: the contact's fields by REST name. Then, when
    /// lists are asked for, <c>GET /api/REST/2.0/data/contact/{id}/membership</c> per contact.
    /// </remarks>
    public async Task<IReadOnlyList<RemoteRecord>> ReadRecordsAsync(RecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tag = IRecordReader.ReadTag;
        var found = new Dictionary<string, (string? Key, Dictionary<string, string?> Fields)>(StringComparer.Ordinal);
        async Task SearchAsync(string term)
        {
            var search = Uri.EscapeDataString(term);
            var (status, body) = await SendAsync(tag, HttpMethod.Get, $"{Rest}/data/contacts?search={search}&depth=complete&count=1000", null, cancellationToken).ConfigureAwait(false);
            Expect(tag, status, body, HttpStatusCode.OK);
            foreach (var element in (body?["elements"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Text(element["id"]) is { } id)
                {
                    found[id] = (Text(element[EloquaFields.Email]), query.Fields.Distinct(StringComparer.Ordinal).ToDictionary(f => f, f => Text(element[f]), StringComparer.Ordinal));
                }
            }
        }

        foreach (var key in query.ForeignKeys.Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await SearchAsync($"{EloquaFields.Email}='{key}'").ConfigureAwait(false);
        }

        foreach (var id in query.RemoteIds.Where(id => id.Length > 0 && !found.ContainsKey(id)).Distinct(StringComparer.Ordinal))
        {
            await SearchAsync($"id={id}").ConfigureAwait(false);
        }

        var wanted = query.Lists.ToHashSet(StringComparer.Ordinal);
        if (wanted.Count > 0)
        {
            try
            {
                // The membership answer names lists by id: resolve the mapped names to theirs.
                await EnsureListsAsync(wanted, createMissing: false, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceCallException e) when (e.Failure == ServiceCallFailure.Permanent)
            {
                // A mapped list not made yet: nobody is in it.
            }
        }

        var names = wanted.Where(_listIds.ContainsKey).ToDictionary(n => _listIds[n], n => n, StringComparer.Ordinal);
        var records = new List<RemoteRecord>(found.Count);
        foreach (var (id, (key, fields)) in found)
        {
            HashSet<string>? lists = null;
            if (wanted.Count > 0)
            {
                var (status, body) = await SendAsync(IRecordReader.ReadListsTag, HttpMethod.Get, $"api/REST/2.0/data/contact/{Uri.EscapeDataString(id)}/membership", null, cancellationToken).ConfigureAwait(false);
                lists = new HashSet<string>(StringComparer.Ordinal);
                if (status != HttpStatusCode.NotFound)
                {
                    Expect(IRecordReader.ReadListsTag, status, body, HttpStatusCode.OK);
                    foreach (var list in (body as JsonArray ?? []).OfType<JsonObject>())
                    {
                        if (Text(list["id"]) is { } listId && names.TryGetValue(listId, out var name))
                        {
                            lists.Add(name);
                        }
                    }
                }
            }

            records.Add(new RemoteRecord(id, key, fields, lists));
        }

        return records;
    }
}
