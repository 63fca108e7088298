using CsvHelper;

namespace Highwater.Sources.Reading.Csv;

internal sealed partial class CsvSourceReader
{
    private CsvReader Open()
    {
        try
        {
            return CsvReader.FromFile(Path, Options);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SourceException($"source '{Definition.Name}': file '{Path}' not found", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SourceException($"source '{Definition.Name}': cannot read '{Path}': {e.Message}", e);
        }
        catch (IOException e)
        {
            // Locked by a writer, say: later may do.
            throw new SourceException($"source '{Definition.Name}': cannot open '{Path}': {e.Message}", e) { IsTransient = true };
        }
    }

    private async Task<bool> NextAsync(CsvReader csv, CancellationToken cancellationToken)
    {
        // Records already in the buffer come back without a look at the token: look at it here.
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await csv.ReadAsync(cancellationToken);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw ReadFailed(e);
        }
    }

    private static bool IsReadFailure(Exception e) => e is CsvFormatException or IOException;

    private SourceException ReadFailed(Exception e) => e switch
    {
        CsvFormatException { LineNumber: > 0 } format =>
            new SourceException($"source '{Definition.Name}': '{Path}' line {format.LineNumber}: {format.Message}", e),
        CsvFormatException format => new SourceException($"source '{Definition.Name}': '{Path}': {format.Message}", e),
        _ => new SourceException($"source '{Definition.Name}': reading '{Path}' failed: {e.Message}", e) { IsTransient = true },
    };
}
