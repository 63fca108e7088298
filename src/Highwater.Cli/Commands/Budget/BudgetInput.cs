using Highwater.Core.Budget;
using Highwater.Core.Capabilities;

namespace Highwater.Cli.Commands.Budget;

/// <summary>The options of <c>highwater budget</c> read and checked: what <c>BatchingMath.Compute</c> takes: a quota, or the limits of a service with none.</summary>
internal sealed record BudgetInput(ServiceCapabilities Capabilities, DailyQuota? Quota, ServiceLimits? Limits, BudgetScenario Scenario, double Reserve);
