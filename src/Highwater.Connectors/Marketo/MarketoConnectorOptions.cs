namespace Highwater.Connectors.Marketo;

/// <summary>One Marketo account as the connector talks to it.</summary>
public sealed class MarketoConnectorOptions
{
    /// <summary>
    /// The instance's base URL, e.g. <c>https://123-ABC-456.mktorest.com/</c>: REST calls go to
    /// <c>rest/...</c> under it.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The identity URL; null for <c>identity/</c> under <see cref="BaseAddress"/> (Marketo's usual layout).</summary>
    public Uri? IdentityAddress { get; set; }

    /// <summary>The custom service's client id.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The custom service's client secret. Never logged.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The lead field that holds the foreign key (the REST API name, <c>email</c> by default).</summary>
    public string ForeignKeyField { get; set; } = "email";

    /// <summary>The folder new static lists are created in (asset API <c>folder</c> id); needed only to create lists.</summary>
    public long? ListFolderId { get; set; }

    /// <summary>The type of <see cref="ListFolderId"/>: <c>Folder</c> or <c>Program</c>.</summary>
    public string ListFolderType { get; set; } = "Folder";

    /// <summary>Records per call, at most Marketo's 300 (an account may want smaller calls).</summary>
    public int BatchSize { get; set; } = 300;

    /// <summary>
    /// Longest lookup URL sent as a GET; a longer one goes as <c>POST ...?_method=GET</c> with the
    /// query in a form body. Marketo answers 414 above 8 KB.
    /// </summary>
    public int MaxUrlLength { get; set; } = 8000;

    /// <summary>Largest JSON body sent in one request; a larger batch is split. Marketo answers 413 above 1 MB.</summary>
    public int MaxBodyBytes { get; set; } = 1_000_000;

    /// <summary>How long before its expiry a token is asked for again.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Checks the options and returns every problem found, each naming its property.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BaseAddress is not { IsAbsoluteUri: true })
        {
            problems.Add("marketo.baseAddress: must be an absolute URL");
        }

        if (IdentityAddress is { IsAbsoluteUri: false })
        {
            problems.Add("marketo.identityAddress: must be an absolute URL");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add("marketo.clientId: must be set");
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            problems.Add("marketo.clientSecret: must be set");
        }

        if (string.IsNullOrWhiteSpace(ForeignKeyField))
        {
            problems.Add("marketo.foreignKeyField: must be set");
        }

        if (BatchSize is < 1 or > 300)
        {
            problems.Add($"marketo.batchSize: must be 1..300 (was {BatchSize})");
        }

        if (MaxUrlLength is < 1024 or > 8192)
        {
            problems.Add($"marketo.maxUrlLength: must be 1024..8192 (was {MaxUrlLength})");
        }

        if (MaxBodyBytes is < 1024 or > 1024 * 1024)
        {
            problems.Add($"marketo.maxBodyBytes: must be 1024..1048576 (was {MaxBodyBytes})");
        }

        if (TokenRefreshMargin < TimeSpan.Zero || TokenRefreshMargin > TimeSpan.FromMinutes(30))
        {
            problems.Add($"marketo.tokenRefreshMargin: must be 0..30 minutes (was {TokenRefreshMargin})");
        }

        return problems;
    }

    /// <summary>A copy, so later changes to this instance do not reach a running connector.</summary>
    internal MarketoConnectorOptions Copy() => (MarketoConnectorOptions)MemberwiseClone();
}
