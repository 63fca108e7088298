using System.Text;
using Highwater.Benchmarks.Scenarios;
using Highwater.Simulators;
using Highwater.Simulators.Modules;

namespace Highwater.Benchmarks.Histories;

/// <summary>
/// What a history needs of one service, read from its simulator module: how to start its simulator
/// on the history clock, the destination block of <c>highwater.yaml</c>, the credentials, and the
/// names its records give the mapped first name and country.
/// </summary>
internal sealed record HistoryService
{
    /// <summary>Every service the history simulator drives: every simulated one.</summary>
    public static IReadOnlyList<string> Names => SimulatorModules.Services;

    public required string Name { get; init; }

    public required Func<TimeProvider, Task<(Uri BaseAddress, IAsyncDisposable Handle)>> StartAsync { get; init; }

    public required Func<Uri, string> Destination { get; init; }

    public required IReadOnlyDictionary<string, string> Secrets { get; init; }

    public required string FirstNameField { get; init; }

    public required string CountryField { get; init; }

    /// <summary>The service's name for the last name, written with the first name where the service requires one (Salesforce); null where it does not.</summary>
    public string? LastNameField { get; init; }

    /// <summary>The calls a day other integrations spend when a history arms a quota fault (the simulator's whole daily allowance).</summary>
    public required long DailyQuota { get; init; }

    public static HistoryService Get(string name) =>
        SimulatorModules.TryGet(name, out var module)
            ? From(module)
            : throw new ArgumentException($"service '{name}' is not one the history simulator drives; known: {string.Join(", ", Names)}", nameof(name));

    private const string Lists = "lists: { paying: Paying Customers, trial: Trial Users, enterprise: Enterprise Accounts }";

    /// <summary>
    /// The service as its simulator module describes it: started with the harness's daily quota,
    /// its credentials passed by reference (<c>${CLIENT_ID}</c>), the settings a connector needs
    /// to reach it, and e-mail, first name (and last name where required) and country mapped to
    /// the source's columns.
    /// </summary>
    private static HistoryService From(ISimulatorModule module)
    {
        var harness = module.Harness;
        var fields = harness.Fields;
        string? last = fields.LastNameRequired ? fields.LastName : null;
        return new HistoryService
        {
            Name = module.Service,
            StartAsync = async time =>
            {
                var running = await module.StartAsync(new SimulatorStart { Time = time, DailyQuota = harness.DailyQuota }, CancellationToken.None).ConfigureAwait(false);
                return (running.BaseAddress, running);
            },
            Destination = url =>
            {
                var text = new StringBuilder();
                text.AppendLine($"kind: {module.Service}");
                text.AppendLine($"baseUrl: {url}");
                foreach (var (setting, value) in harness.Settings(url))
                {
                    text.AppendLine($"{setting}: {value}");
                }

                text.AppendLine($"credentials: {{ {string.Join(", ", harness.Credentials.Keys.Select(k => $"{k}: \"${{{ScenarioService.Snake(k)}}}\""))} }}");
                text.AppendLine("foreignKey: email");
                text.AppendLine(last is null
                    ? $"fields: {{ {fields.Email}: email, {fields.FirstName}: first_name, {fields.Country}: country }}"
                    : $"fields: {{ {fields.Email}: email, {fields.FirstName}: first_name, {last}: first_name, {fields.Country}: country }}");
                text.AppendLine(Lists);
                return text.ToString();
            },
            Secrets = harness.Credentials.ToDictionary(c => ScenarioService.Snake(c.Key), c => c.Value, StringComparer.Ordinal),
            FirstNameField = fields.FirstName,
            LastNameField = last,
            CountryField = fields.Country,
            DailyQuota = harness.DailyQuota,
        };
    }
}
