namespace Highwater.Simulators.Pardot;

/// <summary>One list membership (a v4 <c>list_subscription</c> / <c>list_membership</c>).</summary>
internal sealed record PardotMembership(long Id, long ListId, long ProspectId, DateTimeOffset CreatedAt);
