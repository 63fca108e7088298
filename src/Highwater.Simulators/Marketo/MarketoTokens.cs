namespace Highwater.Simulators.Marketo;

/// <summary>
/// Access tokens of the one custom service the simulator knows. Asking again before the token
/// expires answers the same token with its remaining lifetime (authentication.md).
/// </summary>
internal sealed class MarketoTokens(Random random)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expiry = new(StringComparer.Ordinal);
    private string? _current;

    public (string Token, TimeSpan Remaining) Issue(DateTimeOffset now, TimeSpan lifetime)
    {
        lock (_gate)
        {
            if (_current is not null && _expiry[_current] > now)
            {
                return (_current, _expiry[_current] - now);
            }

            var bytes = new byte[16];
            random.NextBytes(bytes);
            _current = new Guid(bytes).ToString() + ":sim";
            _expiry[_current] = now + lifetime;
            return (_current, lifetime);
        }
    }

    /// <summary>Null when <paramref name="token"/> is good; otherwise the code to answer (601 invalid, 602 expired).</summary>
    public string? Check(string? token, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (token is null || !_expiry.TryGetValue(token, out var expiry))
            {
                return "601";
            }

            return expiry > now ? null : "602";
        }
    }

    public void ExpireAll(DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var token in _expiry.Keys.ToList())
            {
                _expiry[token] = now;
            }
        }
    }
}
