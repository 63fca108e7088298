using System.Text.Json;

namespace Highwater.Connectors.Salesforce;

/// <summary>An HTTP answer of the REST API that was neither a limit nor a server failure.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The body as text.</param>
internal sealed record SalesforceAnswer(int Status, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>
    /// The first error of a REST error answer, <c>[{"message":"..","errorCode":".."}]</c> (or an
    /// OAuth one, <c>{"error":"..","error_description":".."}</c>); nulls when the body is neither.
    /// </summary>
    public (string? Code, string? Message) FirstError()
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 && root[0].ValueKind == JsonValueKind.Object)
            {
                return (Text(root[0], "errorCode"), Text(root[0], "message"));
            }

            if (root.ValueKind == JsonValueKind.Object)
            {
                return (Text(root, "error") ?? Text(root, "errorCode"), Text(root, "error_description") ?? Text(root, "message"));
            }
        }
        catch (JsonException)
        {
        }

        return (null, null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
