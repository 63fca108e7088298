namespace Highwater.Simulators.Hosting;

/// <summary>
/// The common faults in force and the seeded draws that apply them: a server error before a request
/// is applied, a dropped connection after, a delay before every answer, refused credentials. The
/// service decides where in its pipeline each applies and how it answers. Thread-safe.
/// </summary>
/// <param name="seed">The seed of the draws; a reset starts them again from it.</param>
internal sealed class FaultInjector(int seed)
{
    private readonly Lock _gate = new();
    private Random _random = new(seed);
    private double _serverErrorRate;
    private double _dropRate;
    private int _slowMillis;
    private bool _refuseCredentials;

    /// <summary>Share of requests answered with a server error.</summary>
    public double ServerErrorRate
    {
        get
        {
            lock (_gate)
            {
                return _serverErrorRate;
            }
        }
    }

    /// <summary>Share of requests whose connection is dropped after they are applied.</summary>
    public double DropRate
    {
        get
        {
            lock (_gate)
            {
                return _dropRate;
            }
        }
    }

    /// <summary>Delay before every answer, in milliseconds.</summary>
    public int SlowMillis
    {
        get
        {
            lock (_gate)
            {
                return _slowMillis;
            }
        }
    }

    /// <summary>Whether every credential is refused.</summary>
    public bool RefuseCredentials
    {
        get
        {
            lock (_gate)
            {
                return _refuseCredentials;
            }
        }
    }

    /// <summary>Changes the faults <paramref name="faults"/> names (rates clamped to 0..1, delays to 0 and more); the others stay.</summary>
    public void Set(CommonFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        lock (_gate)
        {
            _serverErrorRate = Math.Clamp(faults.ServerErrorRate ?? _serverErrorRate, 0, 1);
            _dropRate = Math.Clamp(faults.DropRate ?? _dropRate, 0, 1);
            _slowMillis = Math.Max(0, faults.SlowMillis ?? _slowMillis);
            _refuseCredentials = faults.RefuseCredentials ?? _refuseCredentials;
        }
    }

    /// <summary>Draws whether this request fails with a server error (no draw when the rate is 0).</summary>
    public bool ServerError()
    {
        lock (_gate)
        {
            return Draw(_serverErrorRate);
        }
    }

    /// <summary>Draws whether this request's connection drops after it is applied (no draw when the rate is 0).</summary>
    public bool Drop()
    {
        lock (_gate)
        {
            return Draw(_dropRate);
        }
    }

    /// <summary>Fills <paramref name="buffer"/> from the same seeded sequence as the draws, for a service whose other random values share it (Salesforce's session ids).</summary>
    public void NextBytes(byte[] buffer)
    {
        lock (_gate)
        {
            _random.NextBytes(buffer);
        }
    }

    /// <summary>Waits the configured delay on <paramref name="time"/>, if any.</summary>
    public async Task SlowAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        if (SlowMillis is > 0 and var slow)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(slow), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>No faults, and the draws start again from the seed.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _serverErrorRate = 0;
            _dropRate = 0;
            _slowMillis = 0;
            _refuseCredentials = false;
            _random = new Random(seed);
        }
    }

    private bool Draw(double rate) => rate > 0 && _random.NextDouble() < rate;
}
