namespace Highwater.Core.Planning;

/// <summary>Something the plan decided about one profile that a person should be able to read.</summary>
/// <param name="ProfileKey">The profile.</param>
/// <param name="Message">What was decided and why.</param>
public sealed record PlanNote(string ProfileKey, string Message);
