namespace Highwater.Sources.Reading.Validation;

/// <summary>
/// The names configuration may put into SQL: table, schema and column names. They are checked
/// here and quoted by each dialect; anything else (a value) only ever travels as a parameter.
/// </summary>
internal static class Identifier
{
    /// <summary>PostgreSQL's limit, the smallest of the three databases'.</summary>
    public const int MaxLength = 63;

    /// <summary>Letters, digits and underscores (ASCII), not starting with a digit, at most <see cref="MaxLength"/> characters.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A table name, optionally <c>schema.table</c>: one or two valid identifiers.</summary>
    public static bool IsValidTable(string? name) =>
        name is not null && name.Split('.') is { Length: 1 or 2 } parts && parts.All(IsValid);
}
