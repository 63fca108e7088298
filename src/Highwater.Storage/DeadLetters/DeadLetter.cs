namespace Highwater.Storage.DeadLetters;

/// <summary>A record that kept failing, put aside with its reason.</summary>
/// <param name="Id">The store's id (0 before it is stored).</param>
/// <param name="Destination">The destination.</param>
/// <param name="ProfileKey">The profile.</param>
/// <param name="Reason">Why, in the service's words.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="FailedAt">When it was put aside.</param>
public sealed record DeadLetter(long Id, string Destination, string ProfileKey, string Reason, int Attempts, DateTimeOffset FailedAt);
