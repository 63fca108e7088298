using System.Net;

namespace Highwater.Simulators.Tests.Marketo;

public sealed class MarketoSimulatorAuthTests
{
    [Fact]
    public async Task Token_BadCredentials_AnswersHttp401()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        using var response = await sim.Http.GetAsync("identity/oauth/token?grant_type=client_credentials&client_id=sim-client&client_secret=wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_AskedAgainBeforeExpiry_SameTokenWithRemainingLifetime()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        var first = await sim.TokenAsync();
        sim.Time.Advance(TimeSpan.FromSeconds(100));
        var second = await sim.TokenAsync();

        Assert.Equal("bearer", (string?)first["token_type"]);
        Assert.Equal(3600, (long)first["expires_in"]!);
        Assert.Equal((string?)first["access_token"], (string?)second["access_token"]);
        Assert.Equal(3500, (long)second["expires_in"]!);
    }

    [Fact]
    public async Task Token_AfterExpiry_602ThenANewToken()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        var old = sim.Http.DefaultRequestHeaders.Authorization!.Parameter;
        sim.Time.Advance(TimeSpan.FromSeconds(3600));

        var answer = await sim.LookupAsync();
        var fresh = await sim.TokenAsync();

        Assert.False(MarketoSimulatorHarness.Success(answer));
        Assert.Equal("602", MarketoSimulatorHarness.ErrorCode(answer));
        Assert.NotEqual(old, (string?)fresh["access_token"]);
        Assert.Equal(3600, (long)fresh["expires_in"]!);
    }

    [Fact]
    public async Task Rest_InvalidOrMissingToken_601_CountsAgainstNothing()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync(o => o.DailyQuota = 1);
        var missing = await sim.LookupAsync();
        sim.Http.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        var invalid = await sim.LookupAsync();
        await sim.AuthorizeAsync();
        var good = await sim.LookupAsync();

        Assert.Equal("601", MarketoSimulatorHarness.ErrorCode(missing));
        Assert.Equal("601", MarketoSimulatorHarness.ErrorCode(invalid));
        Assert.True(MarketoSimulatorHarness.Success(good)); // the quota of 1 was not spent by the 601s
    }

    [Fact]
    public async Task ExpireTokensFault_NextCall602()
    {
        await using var sim = await MarketoSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        Assert.True(MarketoSimulatorHarness.Success(await sim.LookupAsync()));

        using var faults = MarketoSimulatorHarness.Json(new { expireTokens = true });
        using var set = await sim.Http.PostAsync("_sim/faults", faults);

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal("602", MarketoSimulatorHarness.ErrorCode(await sim.LookupAsync()));
    }
}
