namespace Highwater.Engine.Configuration;

/// <summary>
/// What a destination of one kind accepts in the file beyond the settings every destination has:
/// its own settings and its credential keys. One per service, in <see cref="DestinationKinds"/>.
/// </summary>
/// <param name="Name">The kind as the file writes it, lower case: <c>marketo</c>.</param>
/// <param name="Settings">Settings only this kind takes (<c>listFolder</c>).</param>
/// <param name="Credentials">The credential keys it takes, all required.</param>
public sealed record DestinationKind(string Name, IReadOnlyList<string> Settings, IReadOnlyList<string> Credentials);
