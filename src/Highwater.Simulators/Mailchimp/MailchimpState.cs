namespace Highwater.Simulators.Mailchimp;

/// <summary>Everything the audience holds: its members (permanently deleted ones are gone), its tags and its merge tags.</summary>
/// <param name="Records">The members, oldest first.</param>
/// <param name="Lists">The tags (static segments) by name, oldest first.</param>
/// <param name="MergeFields">The merge tags.</param>
public sealed record MailchimpState(IReadOnlyList<MailchimpStateRecord> Records, IReadOnlyList<string> Lists, IReadOnlyList<string> MergeFields);
