namespace Highwater.Benchmarks.Planning;

/// <summary>What the profiles of a benchmark workload are doing.</summary>
internal enum WorkloadShape
{
    /// <summary>Every profile was exported before and nothing it maps changed: no call is needed.</summary>
    Unchanged,

    /// <summary>
    /// A day's traffic: about 10% deletes, 30% new profiles, the rest known profiles with a changed
    /// field, some of them joining or leaving a group and a few changing their e-mail address.
    /// </summary>
    Mixed,

    /// <summary>Every profile is new to the service and carries all its fields and groups.</summary>
    AllNew,
}
