namespace Highwater.Cli.Commands.DeadLetters;

/// <summary>The filter applied: null parts match everything; the time range is [from, to).</summary>
internal sealed record DeadLettersJsonFilter(string? Destination, string? Reason, DateTimeOffset? From, DateTimeOffset? To);
