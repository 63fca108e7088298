using Highwater.Core.Budget;
using Highwater.Core.Capabilities;

namespace Highwater.Cli.Commands.Budget;

/// <summary>The options of <c>highwater budget</c> read and checked: what <see cref="BatchingMath.Compute"/> takes.</summary>
internal sealed record BudgetInput(ServiceCapabilities Capabilities, DailyQuota Quota, BudgetScenario Scenario, double Reserve);
