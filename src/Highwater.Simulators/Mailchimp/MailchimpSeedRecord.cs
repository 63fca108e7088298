namespace Highwater.Simulators.Mailchimp;

/// <summary>One member to seed.</summary>
public sealed record MailchimpSeedRecord
{
    /// <summary>Its e-mail address.</summary>
    public required string Email { get; init; }

    /// <summary>Its status (subscribed unless given).</summary>
    public string Status { get; init; } = "subscribed";

    /// <summary>Merge field values by tag (<c>FNAME</c>); a tag the audience lacks is created as a text merge field.</summary>
    public IReadOnlyDictionary<string, string?> Fields { get; init; } = new Dictionary<string, string?>();

    /// <summary>The tags it has.</summary>
    public IReadOnlyList<string> Lists { get; init; } = [];
}
