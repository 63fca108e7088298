using System.Text.Json.Nodes;

namespace Highwater.Simulators.Mailchimp;

/// <summary>What the simulator answers one API request (or one operation of a Batch Operation): a status and a JSON body, null for none.</summary>
internal sealed record MailchimpSimAnswer(int Status, JsonNode? Body);
