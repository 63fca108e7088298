using Highwater.Sources.Reading.Csv;
using Highwater.Sources.Reading.Sql;
using Highwater.Sources.Reading.Validation;

namespace Highwater.Sources.Reading;

/// <summary>Makes the reader for a source definition, once the definition has been checked.</summary>
public static class SourceReaderFactory
{
    /// <summary>
    /// Every problem with <paramref name="definition"/>, each naming its property
    /// (<c>sources.crm_users.keyColumn: 'user id' is not a valid identifier</c>); empty when it is usable.
    /// Nothing is connected to: <see cref="ISourceReader.CheckAsync"/> does that.
    /// </summary>
    public static IReadOnlyList<string> Validate(SourceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return SourceDefinitionValidator.Validate(definition);
    }

    /// <summary>The reader for <paramref name="definition"/>.</summary>
    /// <exception cref="SourceException">The definition has problems; the message lists them all, one a line.</exception>
    public static ISourceReader Create(SourceDefinition definition)
    {
        var problems = Validate(definition);
        if (problems.Count > 0)
        {
            throw new SourceException(string.Join('\n', problems));
        }

        return definition.Kind == SourceKind.Csv
            ? new CsvSourceReader(definition)
            : new SqlSourceReader(definition, SqlDialect.For(definition.Kind));
    }
}
