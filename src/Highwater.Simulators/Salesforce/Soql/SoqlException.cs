namespace Highwater.Simulators.Salesforce.Soql;

/// <summary>A query Salesforce would refuse with HTTP 400 and this error code.</summary>
internal sealed class SoqlException(string errorCode, string message) : Exception(message)
{
    /// <summary><c>MALFORMED_QUERY</c>, <c>INVALID_FIELD</c>, <c>INVALID_TYPE</c>, ...</summary>
    public string ErrorCode { get; } = errorCode;
}
