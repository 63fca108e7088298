namespace Highwater.Benchmarks.Histories;

/// <summary>The kinds of source operation, fault and crash a history may hold; a set selects the mix.</summary>
[Flags]
internal enum HistoryMix : long
{
    None = 0,

    // Source operations.
    Insert = 1L << 0,
    Edit = 1L << 1,
    ChangePlan = 1L << 2,
    SoftDelete = 1L << 3,
    Undelete = 1L << 4,
    HardDelete = 1L << 5,
    EmailChange = 1L << 6,
    Swap = 1L << 7,
    Chain = 1L << 8,
    TakeAddress = 1L << 9,
    TakeCrmAddress = 1L << 10,
    Duplicate = 1L << 11,
    InvalidEmail = 1L << 12,

    // Faults, through the simulators' fault injection (timeouts through the engine's HTTP handler).
    ServerError = 1L << 20,
    DroppedAnswer = 1L << 21,
    Timeout = 1L << 22,
    TokenExpiry = 1L << 23,
    Quota = 1L << 24,

    // Crashes: the engine abandoned at a call, before it went out or after the service applied it.
    CrashBeforeCall = 1L << 30,
    CrashAfterCall = 1L << 31,

    Operations = Insert | Edit | ChangePlan | SoftDelete | Undelete | HardDelete | EmailChange | Swap | Chain | TakeAddress | TakeCrmAddress | Duplicate | InvalidEmail,
    Faults = ServerError | DroppedAnswer | Timeout | TokenExpiry | Quota,
    Crashes = CrashBeforeCall | CrashAfterCall,
    All = Operations | Faults | Crashes,
}
