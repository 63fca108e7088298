namespace Highwater.Simulators.Pardot;

/// <summary>One Import API job: its batches, its state and, once complete, its results.</summary>
internal sealed class PardotImport(long id, bool createOnNoMatch, IReadOnlyDictionary<string, (bool Overwrite, bool NullOverwrite)> fieldOptions, DateTimeOffset createdAt)
{
    public long Id { get; } = id;

    public bool CreateOnNoMatch { get; } = createOnNoMatch;

    /// <summary>Per v5 column (lower case): overwrite an existing value, and overwrite it with an empty one.</summary>
    public IReadOnlyDictionary<string, (bool Overwrite, bool NullOverwrite)> FieldOptions { get; } = fieldOptions;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;

    /// <summary>The header every batch must repeat.</summary>
    public string[]? Header { get; set; }

    public List<string[]> Rows { get; } = [];

    public int Batches { get; set; }

    /// <summary>When it was set to Ready; null while Open.</summary>
    public DateTimeOffset? ReadyAt { get; set; }

    public bool Applied { get; set; }

    public int CreatedCount { get; set; }

    public int UpdatedCount { get; set; }

    /// <summary>The rows that failed, each with its message.</summary>
    public List<(string[] Row, string Error)> Errors { get; } = [];
}
