namespace Highwater.Simulators.Salesforce;

/// <summary>One error of a record: <c>{"statusCode":"INVALID_EMAIL_ADDRESS","message":"..","fields":["Email"]}</c>.</summary>
internal sealed record SaveError(string StatusCode, string Message, IReadOnlyList<string> Fields);
