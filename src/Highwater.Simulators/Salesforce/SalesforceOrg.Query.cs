using System.Text.Json.Nodes;
using Highwater.Simulators.Salesforce.Soql;

namespace Highwater.Simulators.Salesforce;

internal sealed partial class SalesforceOrg
{
    private static readonly HashSet<string> IdFields = new(StringComparer.Ordinal) { "Id", "CampaignId", "ContactId" };

    /// <summary>
    /// Runs a query and answers its rows in the REST shape: <c>{"attributes":{"type","url"},"Id":..,..}</c>,
    /// a child relationship as <c>null</c> or <c>{"totalSize","done","records"}</c>.
    /// </summary>
    /// <exception cref="SoqlException">An unknown object, relationship or field, or a bad id literal.</exception>
    public (string Object, List<JsonObject> Rows) Query(SoqlQuery query, string version)
    {
        var table = TableOf(query.From) ?? throw new SoqlException(
            "INVALID_TYPE",
            $"sObject type '{query.From}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.");
        if (query.Children.Count > 0 && table.Name != "Contact")
        {
            throw new SoqlException("INVALID_TYPE", $"Didn't understand relationship '{query.Children[0].From}' in FROM part of query call.");
        }

        foreach (var child in query.Children)
        {
            if (!child.From.Equals("CampaignMembers", StringComparison.OrdinalIgnoreCase))
            {
                throw new SoqlException("INVALID_TYPE", $"Didn't understand relationship '{child.From}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.");
            }
        }

        var rows = Select(table, query.Fields, query.Where, query.Limit, version, row =>
        {
            var json = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var child in query.Children)
            {
                var members = TableOf("CampaignMember", MembersOf(row.Id))!;
                var childRows = Select(members, child.Fields, child.Where, child.Limit, version, null);
                json["CampaignMembers"] = childRows.Count == 0 ? null : new JsonObject
                {
                    ["totalSize"] = childRows.Count,
                    ["done"] = true,
                    ["records"] = new JsonArray([.. childRows]),
                };
            }

            return json;
        });
        return (table.Name, rows);
    }

    private static List<JsonObject> Select(Table table, IReadOnlyList<string> fields, IReadOnlyList<SoqlCondition> where, int? limit, string version, Func<Row, Dictionary<string, JsonNode?>>? children)
    {
        var columns = fields.Select(f => table.Resolve(f) ?? throw NoSuchColumn(f, table.Name)).ToList();
        var filters = where.Select(c => Filter(table, c)).ToList();
        var rows = new List<JsonObject>();
        foreach (var row in table.Rows)
        {
            if (!filters.TrueForAll(f => f(row)))
            {
                continue;
            }

            if (rows.Count == limit)
            {
                break;
            }

            var json = new JsonObject
            {
                ["attributes"] = new JsonObject { ["type"] = table.Name, ["url"] = $"/services/data/{version}/sobjects/{table.Name}/{row.Id}" },
            };
            foreach (var column in columns)
            {
                json[column] = row.Get(column);
            }

            foreach (var (name, value) in children?.Invoke(row) ?? [])
            {
                json[name] = value;
            }

            rows.Add(json);
        }

        return rows;
    }

    private static Func<Row, bool> Filter(Table table, SoqlCondition condition)
    {
        var field = table.Resolve(condition.Field) ?? throw NoSuchColumn(condition.Field, table.Name);
        if (IdFields.Contains(field))
        {
            var ids = new HashSet<string?>(
                condition.Values.Select(v => v is null ? null : SalesforceIds.Normalize(v) ?? throw new SoqlException("INVALID_QUERY_FILTER_OPERATOR", $"invalid ID field: {v}")),
                StringComparer.Ordinal);
            return row => ids.Contains(row.Get(field));
        }

        // SOQL compares text case-insensitively; an empty text field is null.
        var values = new HashSet<string?>(condition.Values, StringComparer.OrdinalIgnoreCase);
        return row => values.Contains(row.Get(field) is { Length: > 0 } value ? value : null);
    }

    private static SoqlException NoSuchColumn(string field, string entity) => new(
        "INVALID_FIELD",
        $"No such column '{field}' on entity '{entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");

    private Table? TableOf(string name, IEnumerable<MemberRecord>? members = null)
    {
        if (name.Equals("Contact", StringComparison.OrdinalIgnoreCase))
        {
            return new Table(
                "Contact",
                f => f.Equals("Id", StringComparison.OrdinalIgnoreCase) ? "Id" : f.Equals("Name", StringComparison.OrdinalIgnoreCase) ? "Name" : Schema.Find(f)?.Name,
                Contacts.Values.OrderBy(c => c.Seq).Select(c => new Row(c.Id, f => f switch
                {
                    "Id" => c.Id,
                    "Name" => string.Join(' ', new[] { c.Fields.GetValueOrDefault("FirstName"), c.Fields.GetValueOrDefault("LastName") }.Where(s => !string.IsNullOrEmpty(s))),
                    _ => c.Fields.GetValueOrDefault(f),
                })));
        }

        if (name.Equals("CampaignMember", StringComparison.OrdinalIgnoreCase))
        {
            return new Table(
                "CampaignMember",
                f => new[] { "Id", "CampaignId", "ContactId" }.FirstOrDefault(c => c.Equals(f, StringComparison.OrdinalIgnoreCase)),
                (members ?? Members.Values.OrderBy(m => m.Seq)).Select(m => new Row(m.Id, f => f switch
                {
                    "Id" => m.Id,
                    "CampaignId" => m.CampaignId,
                    _ => m.ContactId,
                })));
        }

        if (name.Equals("Campaign", StringComparison.OrdinalIgnoreCase))
        {
            return new Table(
                "Campaign",
                f => new[] { "Id", "Name" }.FirstOrDefault(c => c.Equals(f, StringComparison.OrdinalIgnoreCase)),
                Campaigns.Values.OrderBy(c => c.Seq).Select(c => new Row(c.Id, f => f == "Id" ? c.Id : c.Name)));
        }

        return null;
    }

    private sealed record Table(string Name, Func<string, string?> Resolve, IEnumerable<Row> Rows);

    private sealed record Row(string Id, Func<string, string?> Get);
}
