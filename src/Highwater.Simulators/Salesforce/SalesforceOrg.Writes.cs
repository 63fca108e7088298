using System.Text.Json;
using System.Text.Json.Nodes;

namespace Highwater.Simulators.Salesforce;

internal sealed partial class SalesforceOrg
{
    /// <summary>Creates one record of an sObject Collections create.</summary>
    public SaveResult Create(string type, JsonObject record)
    {
        switch (type)
        {
            case "Contact":
            {
                var (values, error) = ContactValues(record, creating: true);
                if (error is not null)
                {
                    return error;
                }

                var contact = new ContactRecord(NewId(SalesforceIds.ContactPrefix), NextSeq());
                foreach (var (name, value) in values!)
                {
                    contact.Fields[name] = value;
                }

                Contacts[contact.Id] = contact;
                return SaveResult.Ok(contact.Id);
            }

            case "CampaignMember":
                return CreateMember(record);
            case "Campaign":
                return CreateCampaign(record);
            default:
                throw new InvalidOperationException($"unsupported type {type}");
        }
    }

    /// <summary>Updates one record of an sObject Collections update.</summary>
    public SaveResult Update(string type, JsonObject record)
    {
        var given = record.FirstOrDefault(p => p.Key.Equals("Id", StringComparison.OrdinalIgnoreCase)).Value;
        var raw = given?.GetValueKind() == JsonValueKind.String ? given.GetValue<string>() : null;
        if (string.IsNullOrEmpty(raw))
        {
            return SaveResult.Fail("MISSING_ARGUMENT", "Id not specified in an update call");
        }

        var id = SalesforceIds.Normalize(raw);
        var prefix = type == "Contact" ? SalesforceIds.ContactPrefix : SalesforceIds.CampaignPrefix;
        if (id is null || !id.StartsWith(prefix, StringComparison.Ordinal))
        {
            return SaveResult.Fail("MALFORMED_ID", $"{type} ID: id value of incorrect type: {raw}", "Id");
        }

        if (Deleted.Contains(id))
        {
            return SaveResult.Fail("ENTITY_IS_DELETED", "entity is deleted");
        }

        if (type == "Campaign")
        {
            if (!Campaigns.TryGetValue(id, out var campaign))
            {
                return SaveResult.Fail("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
            }

            var name = record.FirstOrDefault(p => p.Key.Equals("Name", StringComparison.OrdinalIgnoreCase)).Value;
            if (name is not null)
            {
                Campaigns[id] = campaign with { Name = Text(name) ?? campaign.Name };
            }

            return SaveResult.Ok(id);
        }

        if (!Contacts.TryGetValue(id, out var contact))
        {
            return SaveResult.Fail("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
        }

        var (values, error) = ContactValues(record, creating: false);
        if (error is not null)
        {
            return error;
        }

        foreach (var (name, value) in values!)
        {
            contact.Fields[name] = value;
        }

        return SaveResult.Ok(id);
    }

    /// <summary>Deletes one record by id; a Contact or Campaign takes its CampaignMembers with it.</summary>
    public SaveResult Delete(string raw)
    {
        var id = SalesforceIds.Normalize(raw);
        if (id is null)
        {
            return SaveResult.Fail("MALFORMED_ID", $"malformed id {raw}");
        }

        if (Deleted.Contains(id))
        {
            return SaveResult.Fail("ENTITY_IS_DELETED", "entity is deleted");
        }

        if (Contacts.Remove(id) || Campaigns.Remove(id))
        {
            foreach (var member in Members.Values.Where(m => m.ContactId == id || m.CampaignId == id).ToList())
            {
                Members.Remove(member.Id);
                Deleted.Add(member.Id);
            }
        }
        else if (!Members.Remove(id))
        {
            return SaveResult.Fail("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
        }

        Deleted.Add(id);
        return SaveResult.Ok(id);
    }

    private SaveResult CreateMember(JsonObject record)
    {
        string? campaignId = null, contactId = null;
        foreach (var (name, node) in record)
        {
            if (name.Equals("attributes", StringComparison.Ordinal))
            {
                continue;
            }

            if (name.Equals("CampaignId", StringComparison.OrdinalIgnoreCase))
            {
                campaignId = Text(node);
            }
            else if (name.Equals("ContactId", StringComparison.OrdinalIgnoreCase))
            {
                contactId = Text(node);
            }
            else if (!name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                return SaveResult.Fail("INVALID_FIELD", $"No such column '{name}' on sobject of type CampaignMember");
            }
        }

        if (string.IsNullOrEmpty(campaignId))
        {
            return SaveResult.Fail("REQUIRED_FIELD_MISSING", "Required fields are missing: [CampaignId]", "CampaignId");
        }

        if (string.IsNullOrEmpty(contactId))
        {
            return SaveResult.Fail("REQUIRED_FIELD_MISSING", "Required fields are missing: [ContactId]", "ContactId");
        }

        var campaign = Reference(campaignId, SalesforceIds.CampaignPrefix, "Campaign ID", "CampaignId", Campaigns.ContainsKey, out var campaignError);
        if (campaignError is not null)
        {
            return campaignError;
        }

        var contact = Reference(contactId, SalesforceIds.ContactPrefix, "Contact ID", "ContactId", Contacts.ContainsKey, out var contactError);
        if (contactError is not null)
        {
            return contactError;
        }

        if (Members.Values.Any(m => m.CampaignId == campaign && m.ContactId == contact))
        {
            return SaveResult.Fail("DUPLICATE_VALUE", "Already a campaign member.");
        }

        return SaveResult.Ok(AddMember(campaign!, contact!).Id);
    }

    private string? Reference(string raw, string prefix, string label, string field, Func<string, bool> exists, out SaveResult? error)
    {
        error = null;
        var id = SalesforceIds.Normalize(raw);
        if (id is null || !id.StartsWith(prefix, StringComparison.Ordinal))
        {
            error = SaveResult.Fail("MALFORMED_ID", $"{label}: id value of incorrect type: {raw}", field);
        }
        else if (Deleted.Contains(id))
        {
            error = SaveResult.Fail("ENTITY_IS_DELETED", "entity is deleted", field);
        }
        else if (!exists(id))
        {
            error = SaveResult.Fail("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", field);
        }

        return id;
    }

    private SaveResult CreateCampaign(JsonObject record)
    {
        string? name = null;
        foreach (var (field, node) in record)
        {
            if (field.Equals("attributes", StringComparison.Ordinal))
            {
                continue;
            }

            if (!field.Equals("Name", StringComparison.OrdinalIgnoreCase))
            {
                return SaveResult.Fail("INVALID_FIELD", $"No such column '{field}' on sobject of type Campaign");
            }

            name = Text(node);
        }

        if (string.IsNullOrEmpty(name))
        {
            return SaveResult.Fail("REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", "Name");
        }

        if (name.Length > 80)
        {
            return SaveResult.Fail("STRING_TOO_LONG", $"Name: data value too large: {name} (max length=80)", "Name");
        }

        return SaveResult.Ok(AddCampaign(name).Id);
    }

    /// <summary>
    /// The Contact values of a create or update, or the record's errors: an unknown field fails the
    /// record alone with INVALID_FIELD (as sObject Collections answer it under allOrNone=false);
    /// otherwise every value too long, every bad e-mail and a missing last name are reported together.
    /// </summary>
    private (Dictionary<string, string?>? Values, SaveResult? Error) ContactValues(JsonObject record, bool creating)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, node) in record)
        {
            if (name.Equals("attributes", StringComparison.Ordinal))
            {
                continue;
            }

            if (name.Equals("Id", StringComparison.OrdinalIgnoreCase))
            {
                if (creating)
                {
                    return (null, SaveResult.Fail("INVALID_FIELD", "cannot specify Id in an insert call"));
                }

                continue;
            }

            var spec = Schema.Find(name);
            if (spec is null)
            {
                return (null, SaveResult.Fail("INVALID_FIELD", $"No such column '{name}' on sobject of type Contact"));
            }

            values[spec.Name] = Text(node);
        }

        var errors = new List<SaveError>();
        foreach (var (name, value) in values)
        {
            var spec = Schema.Find(name)!;
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (value.Length > spec.MaxLength)
            {
                errors.Add(new SaveError("STRING_TOO_LONG", $"{spec.Label}: data value too large: {value} (max length={spec.MaxLength})", [spec.Name]));
            }
            else if (spec.IsEmail && !ContactSchema.IsEmail(value))
            {
                errors.Add(new SaveError("INVALID_EMAIL_ADDRESS", $"{spec.Label}: invalid email address: {value}", [spec.Name]));
            }
        }

        foreach (var spec in Schema.Fields.Where(f => f.IsRequired))
        {
            var given = values.TryGetValue(spec.Name, out var value);
            if ((creating && !given) || (given && string.IsNullOrEmpty(value)))
            {
                errors.Add(new SaveError("REQUIRED_FIELD_MISSING", $"Required fields are missing: [{spec.Name}]", [spec.Name]));
            }
        }

        return errors.Count > 0 ? (null, new SaveResult(null, errors)) : (values, null);
    }

    private static string? Text(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.String => node.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
