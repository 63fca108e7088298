using Highwater.Cli.Commands.Shared;

namespace Highwater.Cli.Commands.Status;

/// <summary>The options of <c>highwater status</c>: <c>--config</c> and <c>--json</c>.</summary>
internal sealed class StatusSettings : JsonConfigSettings;
