namespace Highwater.Storage.RateLedger;

/// <summary>The answer to a reservation: granted or not, and the window's count after it.</summary>
/// <param name="Granted">Whether the calls were reserved.</param>
/// <param name="Used">Calls counted in the window after the attempt.</param>
public readonly record struct LedgerReservation(bool Granted, long Used);
