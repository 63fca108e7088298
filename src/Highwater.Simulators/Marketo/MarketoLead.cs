namespace Highwater.Simulators.Marketo;

/// <summary>One lead in the simulator's database. Guarded by the store's lock.</summary>
internal sealed class MarketoLead(long id, DateTimeOffset createdAt)
{
    public long Id { get; } = id;

    public string? Email
    {
        get => _email;
        set
        {
            var old = _email;
            _email = value;
            EmailChanged?.Invoke(this, old);
        }
    }

    /// <summary>Told the old e-mail when it changes, so the store's index follows.</summary>
    public Action<MarketoLead, string?>? EmailChanged { get; set; }

    private string? _email;

    /// <summary>Fields other than <c>email</c>, by REST name.</summary>
    public Dictionary<string, string?> Fields { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;

    /// <summary>The value of a field by REST name (<c>email</c> and <c>id</c> included).</summary>
    public string? Get(string field) => field switch
    {
        "email" => Email,
        "id" => Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Fields.GetValueOrDefault(field),
    };

    public void Set(string field, string? value)
    {
        if (field == "email")
        {
            Email = value;
        }
        else
        {
            Fields[field] = value;
        }
    }
}
