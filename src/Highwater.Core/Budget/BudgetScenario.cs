namespace Highwater.Core.Budget;

/// <summary>The shape of one batch for the batching math: how many users and what happens to them.</summary>
public sealed record BudgetScenario
{
    /// <summary>Users in the batch.</summary>
    public int Users { get; init; } = 300;

    /// <summary>Synced groups.</summary>
    public int Groups { get; init; } = 5;

    /// <summary>Share of the batch to delete.</summary>
    public double DeleteShare { get; init; } = 0.1;

    /// <summary>Share of the batch new to the service.</summary>
    public double CreateShare { get; init; } = 0.3;

    /// <summary>Share of Highwater's users whose remote id Highwater already knows (it exported them before).</summary>
    public double KnownShare { get; init; } = 0.8;

    /// <summary>Per group, the share of the batch that joins it; one value applies to every group.</summary>
    public IReadOnlyList<double> JoinShares { get; init; } = [0.2];

    /// <summary>Per group, the share of the batch that leaves it; one value applies to every group.</summary>
    public IReadOnlyList<double> LeaveShares { get; init; } = [0.05];

    /// <summary>The join share of group <paramref name="group"/>.</summary>
    public double JoinShare(int group) => JoinShares.Count == 1 ? JoinShares[0] : JoinShares[group];

    /// <summary>The leave share of group <paramref name="group"/>.</summary>
    public double LeaveShare(int group) => LeaveShares.Count == 1 ? LeaveShares[0] : LeaveShares[group];

    /// <summary>Every problem with the scenario, each naming its option.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Users < 1)
        {
            problems.Add($"users: must be at least 1 (was {Users})");
        }

        if (Groups < 0)
        {
            problems.Add($"groups: must be 0 or more (was {Groups})");
        }

        Share("delete-share", DeleteShare);
        Share("create-share", CreateShare);
        Share("known-share", KnownShare);
        if (DeleteShare + CreateShare > 1)
        {
            problems.Add($"delete-share + create-share: must be at most 1 (was {DeleteShare + CreateShare})");
        }

        Shares("join-shares", JoinShares);
        Shares("leave-shares", LeaveShares);
        return problems;

        void Share(string name, double value)
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                problems.Add($"{name}: must be between 0 and 1 (was {value})");
            }
        }

        void Shares(string name, IReadOnlyList<double> values)
        {
            if (values.Count != 1 && values.Count != Groups)
            {
                problems.Add($"{name}: give one share for every group or one for all ({Groups} groups, {values.Count} shares)");
            }

            foreach (var value in values)
            {
                Share(name, value);
            }
        }
    }
}
