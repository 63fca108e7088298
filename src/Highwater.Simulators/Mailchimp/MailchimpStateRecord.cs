namespace Highwater.Simulators.Mailchimp;

/// <summary>One member as <c>GET /_sim/state</c> shows it.</summary>
/// <param name="Id">Its subscriber hash, the MD5 of its lower-cased e-mail.</param>
/// <param name="Email">Its e-mail address.</param>
/// <param name="Status">subscribed, unsubscribed, cleaned, pending, transactional or archived.</param>
/// <param name="Fields">Its merge field values by tag.</param>
/// <param name="Lists">Its tags.</param>
public sealed record MailchimpStateRecord(string Id, string Email, string Status, IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<string> Lists);
