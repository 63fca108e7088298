namespace Highwater.Simulators.Mailchimp;

/// <summary>
/// How a <see cref="MailchimpSimulator"/> behaves. Limits default to the real service's: at most 10
/// simultaneous connections per user (more answered 429), no daily quota, 500 members a batch
/// subscribe and 500 each way a static segment change.
/// </summary>
public sealed class MailchimpSimulatorOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The clock for slow answers and Batch Operations.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where to log requests (the CLI gives its own, which redacts credentials); null logs nothing.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? Logging { get; set; }

    /// <summary>Seed of the random faults, so that a run can be repeated.</summary>
    public int RandomSeed { get; set; } = 1;

    /// <summary>The API key the simulator accepts as the password of HTTP Basic auth (any user name).</summary>
    public string ApiKey { get; set; } = "0123456789abcdef0123456789abcdef-us21";

    /// <summary>The one audience's id.</summary>
    public string ListId { get; set; } = "a1b2c3d4e5";

    /// <summary>Simultaneous connections answered; one more is answered 429 (10).</summary>
    public int MaxConnections { get; set; } = 10;

    /// <summary>Members one batch subscribe, and each direction of one segment change, may carry (500).</summary>
    public int MaxBatch { get; set; } = 500;

    /// <summary>How long a Batch Operation takes from its submission until it is <c>finished</c>, on <see cref="TimeProvider"/>.</summary>
    public TimeSpan BatchLatency { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The merge fields the audience has from the start (Mailchimp's defaults), all text here.</summary>
    public IList<string> MergeFields { get; } = ["FNAME", "LNAME", "ADDRESS", "PHONE", "BIRTHDAY"];
}
