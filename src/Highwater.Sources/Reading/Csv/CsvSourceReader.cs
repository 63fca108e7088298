using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using Highwater.Sources.Reading.Columns;
using Highwater.Sources.Reading.Values;
using Highwater.Storage.Marks;

namespace Highwater.Sources.Reading.Csv;

/// <summary>
/// Reads a CSV file whole, record by record (diff mode: a CSV has no mark). RFC 4180, comma
/// separated, a header row naming the columns, UTF-8 unless a byte order mark says otherwise.
/// Values are the file's text as it is: an empty field is "", never null.
/// </summary>
internal sealed partial class CsvSourceReader(SourceDefinition definition) : ISourceReader
{
    // The separator is fixed rather than detected: a guess that changed between two polls would
    // turn every row into a different key.
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        FormatProvider = CultureInfo.InvariantCulture,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Throw,
        IncludeValuesInExceptions = false,
    };

    public SourceDefinition Definition { get; } = definition;

    private string Path => Definition.Connection;

    public Task<IReadOnlyList<SourceRow>> ReadPageAsync(SourceMark? after, int pageSize, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"Source '{Definition.Name}' is a CSV file, which has no mark: read it whole with ReadAllAsync.");

    public Task<DateTime?> ReadClockAsync(CancellationToken cancellationToken) => Task.FromResult<DateTime?>(null);

    public Task<UnmarkedRows> FindUnmarkedAsync(int sample, CancellationToken cancellationToken) => Task.FromResult(UnmarkedRows.None);

    public async IAsyncEnumerable<SourceRow> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var csv = Open();
        var layout = CsvLayout.From(await ReadHeaderAsync(csv, cancellationToken), csv.Headers);
        while (await NextAsync(csv, cancellationToken))
        {
            yield return Row(csv, layout);
        }
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var csv = Open();
        await ReadHeaderAsync(csv, cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private SourceRow Row(CsvReader csv, CsvLayout layout)
    {
        var properties = new Dictionary<string, string?>(layout.Properties.Count, StringComparer.Ordinal);
        foreach (var (property, index) in layout.Properties)
        {
            properties[property] = csv.GetString(index);
        }

        var deleted = Definition.IsDeletions || (layout.Deleted is { } at && DeletedValue.IsDeleted(csv.GetString(at)));
        return new SourceRow(csv.GetString(layout.Key), null, properties, deleted);
    }

    /// <summary>Reads the header and matches the definition's columns to it.</summary>
    private async Task<ColumnMap> ReadHeaderAsync(CsvReader csv, CancellationToken cancellationToken)
    {
        try
        {
            await csv.ReadHeaderAsync(cancellationToken);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw ReadFailed(e);
        }

        var header = csv.Headers;
        if (header.Count == 0)
        {
            throw new SourceException($"source '{Definition.Name}': '{Path}' has no header row");
        }

        var missing = new List<string>();
        return ColumnMap.Resolve(Definition, header, missing)
            ?? throw new SourceException(missing.Count == 1
                ? $"source '{Definition.Name}': column '{missing[0]}' not found in the header of '{Path}'"
                : $"source '{Definition.Name}': columns {string.Join(", ", missing.Select(m => $"'{m}'"))} not found in the header of '{Path}'");
    }
}
