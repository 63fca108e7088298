using Highwater.Cli.Commands.Shared;

namespace Highwater.Cli.Commands.Sync;

/// <summary>The settings of <c>sync</c>.</summary>
internal sealed class SyncSettings : JsonConfigSettings;
