namespace Highwater.Simulators.Mailchimp;

/// <summary>One member of the simulated audience.</summary>
internal sealed class MailchimpSimMember(string email, string status, string contactId, DateTimeOffset createdAt)
{
    /// <summary>Its address; changed by a PATCH, which moves the member to the new hash.</summary>
    public string Email { get; set; } = email;

    /// <summary>subscribed, unsubscribed, cleaned, pending, transactional or archived.</summary>
    public string Status { get; set; } = status;

    /// <summary>The id that stays when the e-mail changes.</summary>
    public string ContactId { get; } = contactId;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset LastChanged { get; set; } = createdAt;

    /// <summary>Merge field values by tag; an empty value is absent.</summary>
    /// <summary>The id a <c>/_sim/seed</c> record gave it, answered back by <c>/_sim/state</c> in place of the subscriber hash; null when none was given.</summary>
    public string? SeededId { get; set; }

    public Dictionary<string, string> MergeFields { get; } = new(StringComparer.Ordinal);
}
