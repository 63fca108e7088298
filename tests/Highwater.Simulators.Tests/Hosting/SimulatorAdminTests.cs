using System.Net;
using System.Text;
using Highwater.Simulators.Modules;

namespace Highwater.Simulators.Tests.Hosting;

/// <summary>The one <c>/_sim/</c> endpoint set, on every simulator in the module list: bad bodies answer 400, faults and counts alike.</summary>
public sealed class SimulatorAdminTests
{
    public static TheoryData<string> Services() => [.. SimulatorModules.Services];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task BadBodies_Answer400_AndChangeNothing(string service)
    {
        await using var simulator = await SimulatorModules.Get(service).StartAsync(new SimulatorStart(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };

        using var notAnObject = await PostAsync(http, "_sim/faults", "[1]");
        using var wrongType = await PostAsync(http, "_sim/faults", """{"serverErrorRate":"often"}""");
        using var notJson = await PostAsync(http, "_sim/seed", "{");
        using var badRecord = await PostAsync(http, "_sim/seed", """{"records":[7]}""");
        var state = await new SimulatorAdminClient(http).StateAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRecord.StatusCode);
        Assert.Empty(state.Records);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Faults_CommonFieldsAccepted_AndResetClearsCounts(string service)
    {
        await using var simulator = await SimulatorModules.Get(service).StartAsync(new SimulatorStart(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        var admin = new SimulatorAdminClient(http);

        using var faults = await PostAsync(http, "_sim/faults", """{"serverErrorRate":0,"slowMillis":0,"dropRate":0,"expireTokens":true,"refuseCredentials":false,"spentToday":1}""");
        await admin.ResetAsync(CancellationToken.None);
        var counts = await admin.CountsAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.NoContent, faults.StatusCode);
        Assert.Equal(0, counts.Total);
        Assert.Equal(0, counts.RateLimitRejections);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string body) =>
        http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
}
