using Highwater.Core.Connectors;
using Highwater.Core.Model;

namespace Highwater.Connectors.Pardot;

public sealed partial class PardotConnector : IRecordReader
{
    /// <inheritdoc />
    /// <remarks>One read per key and per id (ids are read only when no key found them); the lists come with each read.</remarks>
    public int ReadCalls(int foreignKeys, int remoteIds, int lists) => Math.Max(0, foreignKeys) + Math.Max(0, remoteIds);

    /// <inheritdoc />
    /// <remarks>
    /// <c>GET read/email/&lt;email&gt;?format=json</c> per key, then <c>read/id/&lt;id&gt;</c> for the
    /// ids no key found: each answers the prospect's fields and its list subscriptions. Code 4 (no
    /// such e-mail) and 3 (no such id) are simply absent.
    /// </remarks>
    public async Task<IReadOnlyList<RemoteRecord>> ReadRecordsAsync(RecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tag = IRecordReader.ReadTag;
        var wanted = query.Lists.ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, RemoteRecord>(StringComparer.Ordinal);
        if (wanted.Count > 0)
        {
            try
            {
                // Names the lists a read answers by the mapping's names.
                await EnsureListsAsync(wanted, createMissing: false, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceCallException e) when (e.Failure == ServiceCallFailure.Permanent)
            {
                // A mapped list not made yet: nobody is in it.
            }
        }

        async Task ReadAsync(string path, int notFound)
        {
            var response = await SendAsync(tag, HttpMethod.Get, path, null, mayApply: false, cancellationToken).ConfigureAwait(false);
            if (response.ErrorCode == notFound)
            {
                return;
            }

            if (!response.IsSuccess)
            {
                throw Refused(tag, response);
            }

            foreach (var prospect in PardotResponse.Items(response.Json?["prospect"]))
            {
                if (PardotResponse.Text(prospect["id"]) is { } id)
                {
                    found[id] = new RemoteRecord(
                        id,
                        PardotResponse.Text(prospect["email"]),
                        query.Fields.Distinct(StringComparer.Ordinal).ToDictionary(f => f, f => PardotResponse.Text(prospect[f]), StringComparer.Ordinal),
                        wanted.Count == 0 ? null : ListsOf(prospect).Where(wanted.Contains).ToHashSet(StringComparer.Ordinal));
                }
            }
        }

        foreach (var key in query.ForeignKeys.Where(k => k.Length > 0).Distinct(ForeignKeys.Comparer))
        {
            await ReadAsync($"api/prospect/version/4/do/read/email/{Uri.EscapeDataString(key)}?format=json", 4).ConfigureAwait(false);
        }

        foreach (var id in query.RemoteIds.Where(id => id.Length > 0 && !found.ContainsKey(id)).Distinct(StringComparer.Ordinal))
        {
            await ReadAsync($"api/prospect/version/4/do/read/id/{Uri.EscapeDataString(id)}?format=json", 3).ConfigureAwait(false);
        }

        return [.. found.Values];
    }
}
