namespace Highwater.Benchmarks.Histories;

/// <summary>
/// One change to the source's <c>users</c> table. Operations name users by id and read their
/// targets when applied (a swap swaps whatever the two hold then), so a history with steps
/// dropped by the shrinker still applies; an operation whose user is gone does nothing.
/// </summary>
/// <param name="Kind">What it does (one operation flag of <see cref="HistoryMix"/>).</param>
/// <param name="Id">The user it changes.</param>
/// <param name="Other">The second user (swap, chain, taking an address, a duplicate), or the CRM-only record's index.</param>
/// <param name="Third">The third user of a chain.</param>
/// <param name="Text">The new e-mail, first name or plan, as the kind needs.</param>
/// <param name="Country">The new country (insert, edit).</param>
internal sealed record SourceOp(HistoryMix Kind, int Id, int Other = 0, int Third = 0, string? Text = null, string? Country = null)
{
    public override string ToString() => Kind switch
    {
        HistoryMix.Insert => $"insert user {Id} <{Text}> {Country}",
        HistoryMix.Edit => $"edit user {Id}: first_name {Text}, country {Country}",
        HistoryMix.ChangePlan => $"user {Id} moves to plan {Text}",
        HistoryMix.SoftDelete => $"soft-delete user {Id}",
        HistoryMix.Undelete => $"undelete user {Id}",
        HistoryMix.HardDelete => $"hard-delete user {Id}",
        HistoryMix.EmailChange => $"user {Id} changes e-mail to <{Text}>",
        HistoryMix.Swap => $"users {Id} and {Other} swap e-mails",
        HistoryMix.Chain => $"chain: user {Id} takes user {Other}'s e-mail, user {Other} takes user {Third}'s, user {Third} takes <{Text}>",
        HistoryMix.TakeAddress => $"user {Id} takes user {Other}'s current e-mail",
        HistoryMix.TakeCrmAddress => $"user {Id} takes CRM-only record {Other}'s e-mail",
        HistoryMix.Duplicate => $"insert user {Id} with user {Other}'s current e-mail",
        HistoryMix.InvalidEmail => $"user {Id} changes e-mail to the invalid <{Text}>",
        _ => $"{Kind} {Id}",
    };
}
