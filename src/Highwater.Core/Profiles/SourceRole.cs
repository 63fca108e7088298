namespace Highwater.Core.Profiles;

/// <summary>What a source's rows do to the profiles they are keyed to.</summary>
public enum SourceRole
{
    /// <summary>Its rows create profiles and decide whether they exist (soft delete, hard delete, vanishing).</summary>
    Primary = 0,

    /// <summary>
    /// Its rows add properties to profiles a primary row creates: a row that is deleted or vanishes
    /// takes back only the properties it gave, and a row whose profile has no live primary row waits.
    /// </summary>
    Enrich = 1,
}
