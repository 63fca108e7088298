namespace Highwater.Core.Governor;

/// <summary>The answer to a reservation in the <see cref="IQuotaLedger"/>: granted or not, and the window's count after it.</summary>
/// <param name="Granted">Whether the calls were reserved.</param>
/// <param name="Used">Calls counted in the window after the attempt.</param>
public readonly record struct QuotaReservation(bool Granted, long Used);
