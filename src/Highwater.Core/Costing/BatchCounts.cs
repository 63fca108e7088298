namespace Highwater.Core.Costing;

/// <summary>
/// What a batch needs, counted per record: the input of the closed cost formula
/// <see cref="CostModel.LowerBound"/>.
/// </summary>
public sealed record BatchCounts
{
    /// <summary>Foreign keys to look up.</summary>
    public int LookupKeys { get; init; }

    /// <summary>Remote records to delete.</summary>
    public int Deletes { get; init; }

    /// <summary>Existing records that must be addressed by remote id (their foreign key changes).</summary>
    public int ByIdWrites { get; init; }

    /// <summary>Existing records to write, addressable by id or by foreign key.</summary>
    public int ExistingWrites { get; init; }

    /// <summary>Records known to be absent, to be created.</summary>
    public int NewRecords { get; init; }

    /// <summary>
    /// Of <see cref="NewRecords"/>, those a membership call must address by id afterwards: where
    /// the upsert answers no ids, they must be created.
    /// </summary>
    public int NewRecordsNeedingIds { get; init; }

    /// <summary>Records not looked up, to be upserted by foreign key.</summary>
    public int UnresolvedWrites { get; init; }

    /// <summary>Records written by the bulk upsert job, by foreign key, without lookups.</summary>
    public int BulkWrites { get; init; }

    /// <summary>Records to add, per remote list (not counted for the inline style).</summary>
    public IReadOnlyDictionary<string, int> Adds { get; init; } = new Dictionary<string, int>();

    /// <summary>Records to remove, per remote list (not counted for the inline style).</summary>
    public IReadOnlyDictionary<string, int> Removes { get; init; } = new Dictionary<string, int>();
}
