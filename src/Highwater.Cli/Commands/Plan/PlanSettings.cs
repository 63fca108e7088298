using Highwater.Cli.Commands.Shared;

namespace Highwater.Cli.Commands.Plan;

/// <summary>The options of <c>highwater plan</c>: <c>--config</c> and <c>--json</c>.</summary>
internal sealed class PlanSettings : JsonConfigSettings;
