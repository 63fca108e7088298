using Highwater.Core.Budget;
using Highwater.Core.Capabilities;
using Highwater.Core.Connectors;
using Highwater.Core.Governor;
using Microsoft.Extensions.Logging;

namespace Highwater.Connectors.Modules;

/// <summary>
/// Everything Highwater knows of one service, in one place in the service's connector folder:
/// its kind name, what its API can do, its default limits, the destination settings and
/// credentials it accepts and how it checks them, and how it builds its connector. The engine,
/// the configuration loader and the CLI look services up in <see cref="ServiceModules"/> and
/// never switch on a service's name.
/// </summary>
public interface IServiceModule
{
    /// <summary>The kind as a configuration file writes it, lower case: <c>marketo</c>.</summary>
    string Kind { get; }

    /// <summary>The service's name in a sentence: <c>Marketo</c>; by default the kind with a capital.</summary>
    string Title => string.Concat(Kind[..1].ToUpperInvariant(), Kind[1..]);

    /// <summary>
    /// Where <c>validate --connect</c> finds the fields it checks mapped fields against, as a sentence
    /// ends after the service's name (<c>from its documented fields and customFields</c>); null when
    /// the service describes its writable fields itself.
    /// </summary>
    string? FieldSource => null;

    /// <summary>What the service's API can do, as the planner and the budget count it.</summary>
    ServiceCapabilities Capabilities { get; }

    /// <summary>The daily call allowance the budget assumes when none is configured, and where it comes from; null when the service has no daily quota.</summary>
    DailyQuota? Quota { get; }

    /// <summary>The settings a destination of this kind takes beyond those every destination has (<c>listFolder</c>).</summary>
    IReadOnlyList<ServiceSetting> Settings { get; }

    /// <summary>The credential keys a destination of this kind takes (<c>clientId</c>).</summary>
    IReadOnlyList<string> Credentials { get; }

    /// <summary>
    /// The credential keys every destination of this kind must give; by default all of
    /// <see cref="Credentials"/>. A service that takes one of several sets (HubSpot: a private app's
    /// token, or OAuth's three keys) requires none here and reports what is missing from
    /// <see cref="Validate"/>, where an absent key reads as empty.
    /// </summary>
    IReadOnlyList<string> RequiredCredentials => Credentials;

    /// <summary>
    /// Where the problems <see cref="Validate"/> reports come from in the file, beyond the
    /// credentials (each credential key's problems are reported at <c>credentials.KEY</c>).
    /// </summary>
    IReadOnlyList<ProblemSource> ProblemSources { get; }

    /// <summary>How the service compares list names: a name written twice in another case is one list where this ignores case.</summary>
    StringComparer ListNames { get; }

    /// <summary>A note on calls a dry run cannot price before an export, or null when it prices them all.</summary>
    string? UnpricedMetadata { get; }

    /// <summary>The service's default rate policy for <paramref name="account"/>, with its daily quota resetting in <paramref name="timeZone"/> when given.</summary>
    RatePolicyOptions Policy(string account, string? timeZone);

    /// <summary>
    /// The default rate policy of <paramref name="destination"/>: <see cref="Policy(string, string?)"/>
    /// unless the service's limits depend on the destination's own settings (HubSpot's <c>tier</c>).
    /// </summary>
    RatePolicyOptions Policy(ServiceDestination destination, string account, string? timeZone) => Policy(account, timeZone);

    /// <summary>
    /// Every problem the connector would refuse <paramref name="destination"/> with, each
    /// <c>setting: message</c> in the connector's terms (<c>marketo.batchSize: must be 1..300</c>);
    /// the credentials stand in as their references.
    /// </summary>
    IReadOnlyList<string> Validate(ServiceDestination destination);

    /// <summary>Builds the connector of <paramref name="destination"/>, its credentials resolved; its log lines (a refresh, a rate-limit signal) go to <paramref name="logs"/>.</summary>
    IServiceConnector Create(ServiceDestination destination, HttpClient http, ICallGate gate, TimeProvider time, ILoggerFactory logs);

    /// <summary>
    /// What resolving <paramref name="lists"/> distinct mapped lists costs a process that has not
    /// resolved them yet: the lookups by name, and the lists it creates when none exists.
    /// </summary>
    (int Lookups, int Creations) ListCalls(ServiceDestination destination, int lists);

    /// <summary>List members one call reads when lists are adopted; null when the service does not say.</summary>
    int? MembersPerCall(ServiceDestination destination);
}
