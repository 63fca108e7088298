namespace Highwater.Storage.ExportLog;

/// <summary>The log of export attempts and outcomes.</summary>
public interface IExportLogStore
{
    /// <summary>Appends entries.</summary>
    Task AppendAsync(IReadOnlyCollection<ExportLogEntry> entries, CancellationToken cancellationToken);

    /// <summary>The newest entries of a destination (of one profile when given), newest first.</summary>
    Task<IReadOnlyList<ExportLogEntry>> ListAsync(string destination, string? profileKey, int limit, CancellationToken cancellationToken);
}
