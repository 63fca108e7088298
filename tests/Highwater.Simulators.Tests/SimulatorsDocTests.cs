using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Highwater.Simulators.Marketo;

namespace Highwater.Simulators.Tests;

/// <summary>docs/simulators.md: every request it shows runs as printed against a simulator and answers what the page says.</summary>
public sealed partial class SimulatorsDocTests
{
    [Fact]
    public async Task EveryCurlExample_RunsAgainstTheMarketoSimulator_AndAnswersAsDocumented()
    {
        var page = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "simulators.md"));
        var examples = page.Split('\n').Where(line => line.StartsWith("curl ", StringComparison.Ordinal)).ToList();
        await using var marketo = await MarketoSimulator.StartAsync(new MarketoSimulatorOptions());
        using var http = new HttpClient();
        var answers = new Dictionary<string, (HttpStatusCode Status, string Body)>(StringComparer.Ordinal);

        foreach (var example in examples)
        {
            var match = CurlPattern().Match(example);
            Assert.True(match.Success, $"not a curl line this test reads: {example}");
            var path = match.Groups["path"].Value;
            using var request = new HttpRequestMessage(match.Groups["post"].Success ? HttpMethod.Post : HttpMethod.Get, new Uri(marketo.BaseAddress, path));
            if (match.Groups["body"].Success)
            {
                request.Content = new StringContent(match.Groups["body"].Value, Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request);
            answers[path] = (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        // The endpoints of the table, each shown once, in the order the page runs them.
        Assert.Equal(["_sim/seed", "_sim/state", "_sim/counts", "_sim/faults", "_sim/reset", "_sim/edit"], answers.Keys);
        Assert.Equal(HttpStatusCode.OK, answers["_sim/seed"].Status);
        Assert.Contains("- Answer: `" + answers["_sim/seed"].Body + "`", page, StringComparison.Ordinal);
        var state = JsonNode.Parse(answers["_sim/state"].Body)!;
        Assert.Equal("Ada", (string?)state["records"]![0]!["fields"]!["firstName"]);
        Assert.Equal("Trial Users", (string?)state["records"]![0]!["lists"]![0]);
        var counts = JsonNode.Parse(answers["_sim/counts"].Body)!.AsObject();
        Assert.Equal(["byKind", "rateLimitRejections", "recordRejections", "total"], counts.Select(p => p.Key));
        Assert.Equal(HttpStatusCode.NoContent, answers["_sim/faults"].Status);
        Assert.Equal(HttpStatusCode.NoContent, answers["_sim/reset"].Status);

        // The edit ran after the reset: it names leads that are gone.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"applied":0,"missing":["1001","5001","5001"]}"""), JsonNode.Parse(answers["_sim/edit"].Body)), answers["_sim/edit"].Body);
    }

    [Fact]
    public async Task EditExample_OnTheSeededLeads_AnswersAsDocumented()
    {
        var page = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "simulators.md"));
        string Body(string path) => CurlPattern().Match(page.Split('\n').Single(line => line.StartsWith("curl ", StringComparison.Ordinal) && line.Contains(path, StringComparison.Ordinal))).Groups["body"].Value;
        await using var marketo = await MarketoSimulator.StartAsync(new MarketoSimulatorOptions());
        using var http = new HttpClient();

        (await http.PostAsync(new Uri(marketo.BaseAddress, "_sim/seed"), new StringContent(Body("_sim/seed"), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var edit = await (await http.PostAsync(new Uri(marketo.BaseAddress, "_sim/edit"), new StringContent(Body("_sim/edit"), Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync();

        Assert.Contains("`" + edit + "`", page, StringComparison.Ordinal);
        var lead = Assert.Single(marketo.GetState().Records);
        Assert.Equal(("5001", "Bob"), (lead.Id, lead.Fields!["firstName"]));
        Assert.Equal(["Trial Users"], lead.Lists!);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Highwater.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Highwater.slnx above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^curl -s (?:(?<post>-X POST) )?http://127\.0\.0\.1:8080/(?<path>_sim/[a-z]+)(?: -H 'Content-Type: application/json' -d '(?<body>[^']*)')?$")]
    private static partial Regex CurlPattern();
}
