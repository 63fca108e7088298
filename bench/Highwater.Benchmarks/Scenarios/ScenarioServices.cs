namespace Highwater.Benchmarks.Scenarios;

/// <summary>The services the runner can drive, by name.</summary>
internal static class ScenarioServices
{
    private static readonly Dictionary<string, Func<IScenarioService>> Services = new(StringComparer.Ordinal)
    {
        ["marketo"] = () => new MarketoScenarioService(),
        ["salesforce"] = () => new SalesforceScenarioService(),
        ["eloqua"] = () => new EloquaScenarioService(),
        ["pardot"] = () => new PardotScenarioService(),
    };

    public static IScenarioService Get(string name) =>
        Services.TryGetValue(name, out var make)
            ? make()
            : throw new InvalidDataException($"service '{name}' is not supported by the scenario runner; supported: {string.Join(", ", Services.Keys.Order(StringComparer.Ordinal))}");
}
