namespace Highwater.Benchmarks.Histories;

/// <summary>One row of the source's <c>users</c> table.</summary>
internal sealed record SourceUser(int Id, string Email, string FirstName, string Country, string Plan, bool Deleted);
