namespace Highwater.Simulators.Mailchimp;

/// <summary>One static segment (a tag) of the audience: its members by contact id, so an e-mail change keeps them.</summary>
internal sealed class MailchimpSimSegment(int id, string name, DateTimeOffset createdAt)
{
    public int Id { get; } = id;

    public string Name { get; } = name;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public HashSet<string> Members { get; } = new(StringComparer.Ordinal);
}
