namespace Highwater.Storage.DeadLetters;

/// <summary>Which dead letters an operation applies to; an unset part matches everything.</summary>
/// <param name="Destination">Only this destination.</param>
/// <param name="ReasonContains">Only reasons containing this text (case-insensitive).</param>
/// <param name="From">Only failed at or after.</param>
/// <param name="To">Only failed before.</param>
public sealed record DeadLetterFilter(string? Destination = null, string? ReasonContains = null, DateTimeOffset? From = null, DateTimeOffset? To = null);
