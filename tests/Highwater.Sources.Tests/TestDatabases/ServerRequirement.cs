namespace Highwater.Sources.Tests.TestDatabases;

/// <summary>
/// A database server named by an environment variable. Unset, its tests skip, saying how to start
/// one, except under CI, where they fail: there the servers are part of the run.
/// </summary>
public static class ServerRequirement
{
    public const string Enable = "eval \"$(sudo eng/test-databases.sh)\"";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (or, under CI, fails) the calling test when <paramref name="variable"/> was not set.</summary>
    public static void Require(bool available, string variable, string server)
    {
        if (available)
        {
            return;
        }

        if (IsCi)
        {
            Assert.Fail($"{variable} is not set: the {server} server is required under CI (start it with {Enable}).");
        }

        Skip.If(true, $"{variable} is not set; to run the {server} tests: {Enable}");
    }
}
