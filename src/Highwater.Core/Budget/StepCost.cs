namespace Highwater.Core.Budget;

/// <summary>One step of the batch algorithm and what it costs.</summary>
/// <param name="Step">The step's name.</param>
/// <param name="Calls">API calls.</param>
/// <param name="Requests">HTTP requests against the quota (more than calls where one call is several requests).</param>
public sealed record StepCost(string Step, int Calls, int Requests);
