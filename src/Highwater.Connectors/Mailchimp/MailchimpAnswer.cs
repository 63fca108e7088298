using System.Text.Json.Nodes;

namespace Highwater.Connectors.Mailchimp;

/// <summary>One Mailchimp answer that did not fail as a whole: its status and JSON body (null when empty).</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The body.</param>
internal sealed record MailchimpAnswer(int Status, JsonNode? Body)
{
    /// <summary>The problem detail's <c>title</c> and <c>detail</c> (RFC 7807, as Mailchimp answers errors), each null when absent.</summary>
    public (string? Title, string? Detail) Problem() =>
        (MailchimpJson.Text(Body?["title"]), MailchimpJson.Text(Body?["detail"]));

    /// <summary>The problem in one line: <c>HTTP 400 Invalid Resource: detail</c>.</summary>
    public string Describe()
    {
        var (title, detail) = Problem();
        return $"HTTP {Status}{(title is null ? "" : " " + title)}{(detail is null ? "" : ": " + detail)}";
    }
}
