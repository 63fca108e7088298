using Highwater.Cli.Commands.Shared;

namespace Highwater.Cli.Commands.Marks;

/// <summary>The options every <c>highwater marks</c> verb shares.</summary>
internal class MarksSettings : JsonConfigSettings;
