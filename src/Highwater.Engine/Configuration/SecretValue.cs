namespace Highwater.Engine.Configuration;

/// <summary>
/// A configured value that may be a secret: a literal (for what is not secret, like a SQLite
/// path), an environment variable <c>${NAME}</c>, or a file <c>${file:/path}</c>. It never prints
/// what it resolves to: <see cref="ToString"/> shows the reference, so a log, an error, <c>plan</c>
/// or <c>status</c> cannot leak it.
/// </summary>
public sealed record SecretValue
{
    private SecretValue(string? literal, string? variable, string? file)
    {
        Literal = literal;
        Variable = variable;
        File = file;
    }

    /// <summary>The literal value, when not a reference.</summary>
    public string? Literal { get; }

    /// <summary>The environment variable named, when <c>${NAME}</c>.</summary>
    public string? Variable { get; }

    /// <summary>The file named, when <c>${file:PATH}</c>.</summary>
    public string? File { get; }

    /// <summary>Whether the value is a reference rather than a literal.</summary>
    public bool IsReference => Variable is not null || File is not null;

    /// <summary>A plain value.</summary>
    public static SecretValue Of(string literal) => new(literal, null, null);

    /// <summary>Reads <c>${NAME}</c>, <c>${file:PATH}</c> or a literal; null when a reference is malformed.</summary>
    public static SecretValue? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith("${", StringComparison.Ordinal))
        {
            return text.Contains("${", StringComparison.Ordinal) ? null : new(text, null, null);
        }

        if (!text.EndsWith('}') || text.IndexOf('}', StringComparison.Ordinal) != text.Length - 1)
        {
            return null;
        }

        var inner = text[2..^1];
        if (inner.StartsWith("file:", StringComparison.Ordinal))
        {
            return inner.Length > 5 ? new(null, null, inner[5..]) : null;
        }

        return inner.Length > 0 && inner.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(inner[0])
            ? new(null, inner, null)
            : null;
    }

    /// <summary>The value, read now from the environment or the file.</summary>
    /// <exception cref="InvalidOperationException">The variable is unset or the file cannot be read; the message names the reference, never a value.</exception>
    public string Resolve(Func<string, string?>? environment = null)
    {
        if (Literal is not null)
        {
            return Literal;
        }

        if (Variable is not null)
        {
            return (environment ?? Environment.GetEnvironmentVariable)(Variable)
                ?? throw new InvalidOperationException($"the environment variable {Variable} is not set");
        }

        try
        {
            return System.IO.File.ReadAllText(File!).TrimEnd('\r', '\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"the secret file {File} cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The reference as written; a literal shows as itself only because literals are never secrets.</summary>
    public override string ToString() => Variable is not null ? $"${{{Variable}}}" : File is not null ? $"${{file:{File}}}" : Literal!;
}
