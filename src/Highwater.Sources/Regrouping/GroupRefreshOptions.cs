namespace Highwater.Sources.Regrouping;

/// <summary>How a <see cref="GroupRefresher"/> walks the profiles.</summary>
public sealed class GroupRefreshOptions
{
    /// <summary>Profiles read, evaluated and written per transaction (1..100000). Memory holds one page.</summary>
    public int PageSize { get; set; } = 1000;
}
