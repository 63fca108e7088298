using System.Data.Common;
using System.Globalization;
using Highwater.Sources.Reading.Values;

namespace Highwater.Sources.Reading.Sql;

/// <summary>What a poll checks its marks against: the database's clock, and the rows the keyset cannot place.</summary>
internal sealed partial class SqlSourceReader
{
    public async Task<DateTime?> ReadClockAsync(CancellationToken cancellationToken)
    {
        if (_dialect.ClockQuery is not { } sql)
        {
            return null;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken) switch
            {
                DateTime at => TimestampText.AsUtc(at),
                DateTimeOffset at => at.UtcDateTime,
                _ => null,
            };
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw ReadFailed(e);
        }
    }

    public async Task<UnmarkedRows> FindUnmarkedAsync(int sample, CancellationToken cancellationToken)
    {
        if (Definition.MarkColumn is null)
        {
            return UnmarkedRows.None;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(sample, 1);
        await using var connection = await OpenAsync(cancellationToken);
        var shape = await GetShapeAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = _query.Unmarked(shape.Columns);
        AddParameter(command, SqlQueryBuilder.LimitParameter, sample);
        var keys = new List<string>(sample);
        long count = 0;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(ValueText.From(_dialect.ReadValue(reader, 0)) ?? string.Empty);
                count = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw ReadFailed(e);
        }

        return keys.Count == 0 ? UnmarkedRows.None : new UnmarkedRows(count, keys);
    }
}
