using Highwater.Connectors.Transport;

namespace Highwater.Connectors.Tests.Transport;

/// <summary>Hands out bearer tokens <c>t1</c>, <c>t2</c>, ... : a new one only after the current one was invalidated.</summary>
internal sealed class CountingAuthenticator : ITransportAuthenticator
{
    private BearerCredential? _current;

    public int Issued { get; private set; }

    public List<string> Invalidated { get; } = [];

    public ValueTask<ITransportCredential> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is null)
        {
            Issued++;
            _current = new BearerCredential($"t{Issued}");
        }

        return ValueTask.FromResult<ITransportCredential>(_current);
    }

    public bool Invalidate(ITransportCredential refused)
    {
        var bearer = (BearerCredential)refused;
        Invalidated.Add(bearer.Token);
        if (ReferenceEquals(_current, bearer))
        {
            _current = null;
        }

        return true;
    }
}
