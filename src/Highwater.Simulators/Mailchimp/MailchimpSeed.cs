namespace Highwater.Simulators.Mailchimp;

/// <summary>What to put in the audience before a run (the body of <c>POST /_sim/seed</c>).</summary>
public sealed record MailchimpSeed
{
    /// <summary>Tags (static segments) to exist.</summary>
    public IReadOnlyList<string> Lists { get; init; } = [];

    /// <summary>Merge tags to exist, created as text merge fields when missing.</summary>
    public IReadOnlyList<string> MergeFields { get; init; } = [];

    /// <summary>Members to exist.</summary>
    public IReadOnlyList<MailchimpSeedRecord> Records { get; init; } = [];
}
