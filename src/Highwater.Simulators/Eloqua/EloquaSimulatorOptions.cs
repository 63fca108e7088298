namespace Highwater.Simulators.Eloqua;

/// <summary>
/// How an <see cref="EloquaSimulator"/> behaves. Limits default to the real service's (Oracle's
/// Eloqua REST and Bulk API 2.0 documentation); a daily call limit, which Eloqua does not publish,
/// is off unless set (a customer's contract may name one: the seed quotes 2,000 a day).
/// </summary>
public sealed class EloquaSimulatorOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The clock for the hourly bulk limits, the daily limit, the REST rate window and slow answers.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where to log requests (the CLI gives its own, which redacts credentials); null logs nothing.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? Logging { get; set; }

    /// <summary>Seed of the random faults, so that a run can be repeated.</summary>
    public int RandomSeed { get; set; } = 1;

    /// <summary>The company (site) name Basic authentication expects before the backslash.</summary>
    public string Company { get; set; } = "HighwaterSim";

    /// <summary>The user name.</summary>
    public string Username { get; set; } = "Api.User";

    /// <summary>The password.</summary>
    public string Password { get; set; } = "sim-password";

    /// <summary>Import syncs allowed in any rolling hour (the Bulk API's soft limit: 2,000).</summary>
    public int ImportSyncsPerHour { get; set; } = 2000;

    /// <summary>Sync-action syncs allowed in any rolling hour (4,000).</summary>
    public int SyncActionSyncsPerHour { get; set; } = 4000;

    /// <summary>Export syncs allowed in any rolling hour (2,000).</summary>
    public int ExportSyncsPerHour { get; set; } = 2000;

    /// <summary>Requests (REST and Bulk) allowed per calendar day, or null for none (Eloqua publishes none).</summary>
    public long? DailyCallLimit { get; set; }

    /// <summary>The IANA zone whose midnight resets <see cref="DailyCallLimit"/> (UTC).</summary>
    public string DailyTimeZone { get; set; } = "UTC";

    /// <summary>REST requests allowed per <see cref="RestRateWindow"/>, or null for none (no figure is published; the signal is 429).</summary>
    public int? RestRateLimit { get; set; }

    /// <summary>The REST rate window (1 s).</summary>
    public TimeSpan RestRateWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest staging upload in bytes before the Bulk API answers 404 (32 MB).</summary>
    public int MaxStagingBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Most fields an import definition may map (100).</summary>
    public int MaxDefinitionFields { get; set; } = 100;

    /// <summary>
    /// The contact fields: REST name to internal name (the one in <c>{{Contact.Field(C_..)}}</c>) and
    /// maximum length. <c>emailAddress</c> is the identifier and is checked for its form.
    /// </summary>
    public IDictionary<string, EloquaFieldSpec> Fields { get; set; } = DefaultFields();

    /// <summary>The standard contact fields this simulator knows by default.</summary>
    public static Dictionary<string, EloquaFieldSpec> DefaultFields() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["emailAddress"] = new("C_EmailAddress", 400),
        ["firstName"] = new("C_FirstName", 100),
        ["lastName"] = new("C_LastName", 100),
        ["title"] = new("C_Title", 100),
        ["accountName"] = new("C_Company", 100),
        ["businessPhone"] = new("C_BusPhone", 100),
        ["mobilePhone"] = new("C_MobilePhone", 100),
        ["address1"] = new("C_Address1", 100),
        ["city"] = new("C_City", 100),
        ["province"] = new("C_State_Prov", 100),
        ["postalCode"] = new("C_Zip_Postal", 100),
        ["country"] = new("C_Country", 100),
    };
}
