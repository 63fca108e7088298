using System.Text.Json.Nodes;

namespace Highwater.Connectors.Mailchimp;

/// <summary>One request about one member: sent by itself, or as one operation of a Batch Operation.</summary>
/// <param name="Index">The record's position in its call.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path under the API root, without a leading slash: <c>lists/{id}/members/{hash}</c>.</param>
/// <param name="Body">The JSON body, or null.</param>
internal sealed record MailchimpOperation(int Index, HttpMethod Method, string Path, JsonObject? Body);
