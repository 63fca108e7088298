using System.Globalization;
using Highwater.Sources.Reading.Sql;
using Highwater.Sources.Reading.Values;

namespace Highwater.Sources.Reading.Validation;

/// <summary>
/// Checks a source definition before anything connects, collecting every problem, each naming
/// its property: <c>sources.crm_users.keyColumn: 'user id' is not a valid identifier</c>.
/// </summary>
internal static partial class SourceDefinitionValidator
{
    public const int MaxPageSize = 1_000_000;

    public static IReadOnlyList<string> Validate(SourceDefinition definition)
    {
        var problems = new Problems(definition.Name);
        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            problems.Add("name", "required");
        }

        if (!Enum.IsDefined(definition.Kind))
        {
            problems.Add("kind", $"unknown kind ({(int)definition.Kind})");
            return problems.All;
        }

        CheckConnection(definition, problems);
        CheckLocation(definition, problems);
        CheckColumns(definition, problems);
        CheckMark(definition, problems);
        if (definition.PageSize is < 1 or > MaxPageSize)
        {
            problems.Add("pageSize", $"must be 1..{MaxPageSize} (was {definition.PageSize.ToString(CultureInfo.InvariantCulture)})");
        }

        return problems.All;
    }

    private static void CheckConnection(SourceDefinition definition, Problems problems)
    {
        if (string.IsNullOrWhiteSpace(definition.Connection))
        {
            problems.Add("connection", definition.Kind == SourceKind.Csv ? "required (the CSV file's path)" : "required");
        }
        else if (definition.Kind != SourceKind.Csv && SqlDialect.For(definition.Kind).ConnectionProblem(definition.Connection) is { } problem)
        {
            problems.Add("connection", problem);
        }
    }

    private static void CheckLocation(SourceDefinition definition, Problems problems)
    {
        if (definition.Kind == SourceKind.Csv)
        {
            if (definition.Table is not null)
            {
                problems.Add("table", "not used by CSV sources (connection is the file's path)");
            }

            if (definition.Query is not null)
            {
                problems.Add("query", "not used by CSV sources (connection is the file's path)");
            }

            return;
        }

        switch (definition.Table, definition.Query)
        {
            case (null, null):
                problems.Add("table", "required (or query)");
                break;
            case (not null, not null):
                problems.Add("table", "give either table or query, not both");
                break;
            case (not null, null) when !Identifier.IsValidTable(definition.Table):
                problems.Add("table", $"'{definition.Table}' is not a valid identifier");
                break;
            case (null, not null) when string.IsNullOrWhiteSpace(definition.Query.TrimEnd(';', ' ', '\t', '\r', '\n')):
                problems.Add("query", "empty");
                break;
        }
    }

    private static void CheckMark(SourceDefinition definition, Problems problems)
    {
        if (!Enum.IsDefined(definition.MarkKind))
        {
            problems.Add("markKind", $"unknown mark kind ({(int)definition.MarkKind})");
            return;
        }

        if (definition.LookBack is not { } lookBack)
        {
            return;
        }

        if (definition.MarkColumn is null || definition.Kind == SourceKind.Csv)
        {
            problems.Add("lookBack", "only for sources with a markColumn");
        }
        else if (definition.MarkKind == MarkKind.Timestamp && !IsDuration(lookBack))
        {
            problems.Add("lookBack", $"'{lookBack}' is not a duration (90s, 5m, 2h, 1d, or hh:mm:ss)");
        }
        else if (definition.MarkKind == MarkKind.Integer
            && !(long.TryParse(lookBack, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 0))
        {
            problems.Add("lookBack", $"'{lookBack}' is not a count (a whole number, 0 or more)");
        }
    }

    private static bool IsDuration(string text)
    {
        try
        {
            return DurationText.Parse(text) >= TimeSpan.Zero;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
