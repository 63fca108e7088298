using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Highwater.Simulators.Mailchimp;
using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Tests.Mailchimp;

/// <summary>Mailchimp's side of the common <c>/_sim/</c> contract: its ids, its <c>EMAIL</c> tag, its own fault.</summary>
public sealed class MailchimpSimulatorAdminTests
{
    [Fact]
    public async Task Seed_WithoutAnId_StateAnswersTheSubscriberHash_AndTheAddressAsEmail()
    {
        await using var simulator = await new MailchimpSimulatorModule().StartAsync(new SimulatorStart(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        var admin = new SimulatorAdminClient(http);

        await admin.SeedAsync(new JsonObject { ["records"] = new JsonArray(new JsonObject { ["fields"] = new JsonObject { ["EMAIL"] = "Ada@Example.com", ["FNAME"] = "Ada" } }) }, CancellationToken.None);
        var record = Assert.Single((await admin.StateAsync(CancellationToken.None)).Records);

        Assert.Equal(MailchimpSimulator.Hash("ada@example.com"), record.Id);
        Assert.Equal(("Ada@Example.com", "Ada@Example.com", "Ada"), (record.Email, record.Fields["EMAIL"], record.Fields["FNAME"]));
    }

    [Fact]
    public async Task OtherConnections_TenHeldElsewhere_TheNextRequestIs429ProblemDetail_AndCounted()
    {
        var module = new MailchimpSimulatorModule();
        await using var simulator = await module.StartAsync(new SimulatorStart(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        var admin = new SimulatorAdminClient(http);
        await admin.FaultsAsync(new JsonObject { ["otherConnections"] = 10 }, CancellationToken.None);

        using var request = new HttpRequestMessage(HttpMethod.Get, "3.0/lists/" + module.Harness.Settings(simulator.BaseAddress)["listId"] + "/merge-fields");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("any:" + module.Harness.Credentials["apiKey"])));
        using var response = await http.SendAsync(request);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var counts = await admin.CountsAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(("Too Many Requests", "You have exceeded the limit of 10 simultaneous connections."), ((string?)problem["title"], (string?)problem["detail"]));
        Assert.Equal((1L, 0L), (counts.RateLimitRejections, counts.Total));
    }
}
