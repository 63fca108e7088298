using Highwater.Core.Capabilities;
using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Benchmarks.Planning;

/// <summary>
/// Profiles cut into batches, a planner for one service, and the service's records answered from
/// an in-memory dictionary: everything planning needs, built once so a run measures planning only.
/// </summary>
internal sealed class PlannerWorkload
{
    public const int DefaultProfiles = 100_000;
    public const int DefaultBatchSize = 300;
    private const int Seed = 20_251_127;

    private readonly Dictionary<string, RemoteMatch> _remote;
    private readonly Func<IReadOnlyList<string>, IEnumerable<RemoteMatch>> _lookup;

    private PlannerWorkload(Planner planner, ExportRequest[][] batches, Dictionary<string, RemoteMatch> remote, int profiles)
    {
        Planner = planner;
        Batches = batches;
        Profiles = profiles;
        _remote = remote;
        _lookup = Lookup;
    }

    public Planner Planner { get; }

    public ExportRequest[][] Batches { get; }

    public int Profiles { get; }

    public static PlannerWorkload Create(WorkloadShape shape, ServiceCapabilities capabilities, int profiles = DefaultProfiles, int batchSize = DefaultBatchSize)
    {
        var generator = new ProfileGenerator(Seed);
        for (var i = 0; i < profiles; i++)
        {
            generator.Add(i, shape);
        }

        // A service whose lookup does not answer memberships gets none in its matches.
        var remote = new Dictionary<string, RemoteMatch>(generator.Remote.Count, ForeignKeys.Comparer);
        foreach (var match in generator.Remote)
        {
            remote[match.ForeignKey] = capabilities.Lookup is { ReturnsMemberships: true } ? match : match with { Lists = null };
        }

        var batches = generator.Requests.Chunk(batchSize).ToArray();
        return new PlannerWorkload(new Planner(capabilities, ProfileGenerator.Options()), batches, remote, profiles);
    }

    /// <summary>Plans every batch, both phases, and returns the API calls the plans make.</summary>
    public int PlanAll()
    {
        var calls = 0;
        foreach (var batch in Batches)
        {
            calls += Planner.Plan(batch, _lookup).Calls;
        }

        return calls;
    }

    private List<RemoteMatch> Lookup(IReadOnlyList<string> keys)
    {
        var found = new List<RemoteMatch>(keys.Count);
        foreach (var key in keys)
        {
            if (_remote.TryGetValue(key, out var match))
            {
                found.Add(match);
            }
        }

        return found;
    }
}
