namespace Highwater.Simulators.Salesforce.Soql;

/// <summary>
/// The SOQL the simulator understands: <c>SELECT a, b, (SELECT c FROM Children [WHERE ..]) FROM
/// Object [WHERE x IN ('..') AND y = '..'] [LIMIT n]</c>.
/// </summary>
/// <param name="Fields">The selected fields, in order.</param>
/// <param name="Children">The child-relationship subqueries, in order.</param>
/// <param name="From">The object (or, in a subquery, the child relationship).</param>
/// <param name="Where">The conditions, all of which must hold.</param>
/// <param name="Limit">The most rows to answer, when given.</param>
internal sealed record SoqlQuery(
    IReadOnlyList<string> Fields,
    IReadOnlyList<SoqlQuery> Children,
    string From,
    IReadOnlyList<SoqlCondition> Where,
    int? Limit);
