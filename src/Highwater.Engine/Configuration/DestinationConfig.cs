using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Engine.Configuration;

/// <summary>One destination: a service account and how profiles map onto it.</summary>
public sealed record DestinationConfig
{
    /// <summary>Its name in the file.</summary>
    public required string Name { get; init; }

    /// <summary>The service: <c>marketo</c>, <c>salesforce</c>, ...</summary>
    public required string Kind { get; init; }

    /// <summary>The service account; destinations naming the same account share one rate policy and ledger.</summary>
    public required string Account { get; init; }

    /// <summary>The service's base URL.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Credentials by name (<c>clientId</c>, <c>clientSecret</c>, ...), all references.</summary>
    public required IReadOnlyDictionary<string, SecretValue> Credentials { get; init; }

    /// <summary>The profile property that holds the foreign key (usually the e-mail).</summary>
    public required string ForeignKey { get; init; }

    /// <summary>Remote field → profile property.</summary>
    public required IReadOnlyDictionary<string, string> Fields { get; init; }

    /// <summary>Group → remote list name.</summary>
    public required IReadOnlyDictionary<string, string> Lists { get; init; }

    /// <summary>What it may do to remote records.</summary>
    public SyncMode SyncMode { get; init; } = SyncMode.Sync;

    /// <summary>What happens when a profile's foreign key is held by a record it does not own (<c>onKeyConflict</c>).</summary>
    public KeyConflictPolicy OnKeyConflict { get; init; } = KeyConflictPolicy.Reject;

    /// <summary>Profiles per batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>The longest a change waits before its batch goes.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether the window stretches and shrinks with the forecast.</summary>
    public bool Adaptive { get; init; } = true;

    /// <summary>Overrides of the service's default limits.</summary>
    public LimitsConfig Limits { get; init; } = new();

    /// <summary>Marketo: the folder (or program) id mapped lists that do not exist are created in; null when none may be created.</summary>
    public long? ListFolder { get; init; }

    /// <summary>Pardot: the Salesforce login URL its OAuth session comes from (<c>baseUrl</c> is the Pardot API's); null for the default, https://login.salesforce.com/.</summary>
    public Uri? LoginUrl { get; init; }

    /// <summary>Pardot: the campaign the v5 Import API assigns new prospects to; null leaves the import path off (batch calls only).</summary>
    public long? ImportCampaignId { get; init; }

    /// <summary>Pardot: what an import job's wait is worth in calls with the day's quota whole (<c>importLatencyCalls</c>); null for the connector's default, 20.</summary>
    public int? ImportLatencyCalls { get; init; }

    /// <summary>Pardot: the custom prospect fields the mapping may name (v4 cannot list them).</summary>
    public IReadOnlyList<string> CustomFields { get; init; } = [];
}
