using System.Globalization;

namespace Highwater.Simulators.Hosting;

/// <summary>
/// Collects what is wrong with a simulator's options, every problem at once, and throws one
/// <see cref="ArgumentException"/> naming them: <c>invalid Marketo simulator options: RateLimit:
/// must be at least 1 (was 0); Port: must be 0..65535 (was 70000)</c>.
/// </summary>
public sealed class OptionProblems(string simulator)
{
    private readonly List<string> _problems = [];

    /// <summary>A count or a length that must be at least 1.</summary>
    public void AtLeastOne(string name, double value)
    {
        if (value < 1)
        {
            Add($"{name}: must be at least 1 (was {value.ToString(CultureInfo.InvariantCulture)})");
        }
    }

    /// <summary>A TCP port to listen on (0: any free one).</summary>
    public void Port(string name, int port)
    {
        if (port is < 0 or > 65535)
        {
            Add($"{name}: must be 0..65535 (was {port})");
        }
    }

    /// <summary>Any other problem, in the same form: <c>Name: what is wrong (was value)</c>.</summary>
    public void Add(string problem) => _problems.Add(problem);

    /// <summary>Throws when any problem was found.</summary>
    public void ThrowIfAny(string parameterName)
    {
        if (_problems.Count > 0)
        {
            throw new ArgumentException($"invalid {simulator} simulator options: " + string.Join("; ", _problems), parameterName);
        }
    }
}
