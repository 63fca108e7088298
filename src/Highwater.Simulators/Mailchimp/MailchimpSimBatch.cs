namespace Highwater.Simulators.Mailchimp;

/// <summary>One Batch Operation: run when submitted, reported finished after the configured latency.</summary>
internal sealed record MailchimpSimBatch(string Id, DateTimeOffset SubmittedAt, int Total, int Errored, byte[] Archive);
