namespace Highwater.Core.Model;

/// <summary>How foreign keys compare.</summary>
public static class ForeignKeys
{
    /// <summary>
    /// E-mail addresses, the usual foreign key, match case-insensitively in every service we
    /// target (Marketo, Salesforce, Pardot and Eloqua all find "A@x.com" by "a@x.com").
    /// </summary>
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;
}
