namespace Highwater.Cli.Commands.DeadLetters;

/// <summary>One dead letter: a profile that kept failing for a destination, and why.</summary>
internal sealed record DeadLettersJsonLetter(long Id, string Destination, string ProfileKey, string Reason, int Attempts, DateTimeOffset FailedAt);
