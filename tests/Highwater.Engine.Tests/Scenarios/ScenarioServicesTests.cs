using Highwater.Benchmarks.Scenarios;

namespace Highwater.Engine.Tests.Scenarios;

/// <summary>The scenario runner drives any service in both module lists, with no code of its own.</summary>
public sealed class ScenarioServicesTests
{
    public static TheoryData<string> Services() => [.. ScenarioServices.Names];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Standard_SteadyDay_OfEveryService_Converges(string service)
    {
        var (_, scenario) = ScenarioMaker.Standard(service).Single(s => s.Name == $"{service}-steady-day");

        var report = await ScenarioRunner.RunAsync(scenario, baseUrl: null, CancellationToken.None);

        Assert.True(report.Converged, string.Join("\n", report.Differences ?? ["(no differences reported)"]));
        Assert.Equal(service, report.Service);
        Assert.True(report.Calls > 0);
        Assert.Equal(0, report.RateLimitErrors);
        Assert.Equal(0, report.RetryLater);
    }

    [Fact]
    public void Get_AServiceWithoutModules_NamesTheSupportedOnes()
    {
        var error = Assert.Throws<InvalidDataException>(() => ScenarioServices.Get("nosuch"));

        Assert.Equal("service 'nosuch' is not supported by the scenario runner; supported: eloqua, hubspot, mailchimp, marketo, pardot, salesforce", error.Message);
    }

    [Fact]
    public async Task Run_AFileOfAServiceWithoutModules_IsAUsageError()
    {
        var file = Path.Combine(Path.GetTempPath(), "hw-scenario-" + Guid.NewGuid().ToString("N")[..10] + ".json");
        var text = File.ReadAllText(Path.Combine(ShippedScenarioTests.ScenarioDirectory(), "marketo-unchanged.json"))
            .Replace("\"service\":\"marketo\"", "\"service\":\"nosuch\"", StringComparison.Ordinal);
        Assert.Contains("\"nosuch\"", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, text);
        try
        {
            using var output = new StringWriter();

            var exit = await ScenarioRunner.RunAsync(["scenario", file], output);

            Assert.Equal(2, exit);
            Assert.Equal("", output.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("marketo", "clientId", "HIGHWATER_MARKETO_CLIENT_ID")]
    [InlineData("pardot", "businessUnitId", "HIGHWATER_PARDOT_BUSINESS_UNIT_ID")]
    [InlineData("eloqua", "password", "HIGHWATER_ELOQUA_PASSWORD")]
    public void Variable_IsTheCredentialKeyInUpperSnakeCase(string service, string key, string variable)
    {
        Assert.Equal(variable, ScenarioService.Variable(service, key));
    }

    [Fact]
    public void Credentials_AnyOfTheServicesVariablesSet_AllComeFromTheEnvironment_NoneFromTheSimulator()
    {
        var hubspot = ScenarioServices.Get("hubspot");
        var environment = new Dictionary<string, string>
        {
            ["HIGHWATER_HUBSPOT_CLIENT_ID"] = "real-client",
            ["HIGHWATER_HUBSPOT_CLIENT_SECRET"] = "real-secret",
            ["HIGHWATER_HUBSPOT_REFRESH_TOKEN"] = "real-refresh",
        };

        var real = hubspot.Credentials(environment.GetValueOrDefault);
        var simulated = hubspot.Credentials(_ => null);

        Assert.Equal(("", "real-client", "real-secret", "real-refresh"), (real("token"), real("clientId"), real("clientSecret"), real("refreshToken")));
        Assert.NotEqual("", simulated("token"));
        Assert.Equal("", simulated("clientId"));
    }
}
