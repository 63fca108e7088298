namespace Highwater.Cli;

/// <summary>What the <c>highwater</c> process exits with.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something went wrong that the command line did not cause.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: an unknown option, a bad value, a rejected batch shape.</summary>
    public const int Usage = 2;

    /// <summary>The configuration file has problems (each one is printed with its line and setting).</summary>
    public const int InvalidConfig = 3;
}
