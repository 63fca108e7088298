namespace Highwater.Core.Groups;

/// <summary>How a property compares with a value.</summary>
public enum ComparisonOperator
{
    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,

    /// <summary>Contains the value, ignoring case.</summary>
    Contains,

    /// <summary>Starts with the value, ignoring case.</summary>
    StartsWith,
}
