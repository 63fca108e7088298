using Highwater.Connectors.HubSpot;
using Highwater.Core.Connectors;
using Highwater.Core.Planning;
using Highwater.Simulators.HubSpot;
using static Highwater.Connectors.Tests.HubSpot.HubSpotContractHarness;

namespace Highwater.Connectors.Tests.HubSpot;

/// <summary>
/// The connector on OAuth against the simulator's <c>POST /oauth/v1/token</c>: the refresh token
/// exchanged for 30-minute access tokens, taken again before they run out and once on a 401, and
/// a refresh token HubSpot no longer honours refusing the credentials.
/// </summary>
public sealed class HubSpotOAuthTests
{
    private static readonly HubSpotSimulatorOptions Sim = new();

    [Fact]
    public async Task Lookups_TakeOneAccessToken_AndKeepIt_UntilFiveMinutesBeforeItRunsOut()
    {
        await using var h = await StartOAuthAsync();

        await LookupAsync(h);
        h.Time.Advance(TimeSpan.FromMinutes(24));
        await LookupAsync(h);
        var beforeRenewal = h.Simulator.OAuthTokensIssued;
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await LookupAsync(h);

        Assert.Equal((1, 2), (beforeRenewal, h.Simulator.OAuthTokensIssued));
        Assert.Equal(3, h.Simulator.GetCounts().Of("lookup"));
        Assert.Equal(2, h.Simulator.GetCounts().Of("auth"));
        Assert.Equal(3, h.Tally.Tally.DataOf("lookup"));
    }

    [Fact]
    public async Task AccessTokenEndedEarly_401Expired_TakesAFreshOne_AndTheCallSucceeds()
    {
        await using var h = await StartOAuthAsync();
        h.Simulator.Seed(new HubSpotSeed { Records = [new HubSpotSeedRecord { Id = "501", Email = "a@example.com" }] });
        await LookupAsync(h);
        h.Simulator.SetFaults(new HubSpotFaults { ExpireTokens = true });

        var matches = await LookupAsync(h);

        Assert.Equal("501", Assert.Single(matches).RemoteId);
        Assert.Equal(2, h.Simulator.OAuthTokensIssued);

        // The refused request went through the gate and was answered 401; its resend is the second lookup served.
        Assert.Equal(3, h.Tally.Tally.DataOf("lookup"));
        Assert.Equal(2, h.Simulator.GetCounts().Of("lookup"));
    }

    [Fact]
    public async Task AppUninstalled_400BadRefreshToken_Unauthorized_NothingApplied()
    {
        await using var h = await StartOAuthAsync();
        await LookupAsync(h);
        h.Simulator.SetFaults(new HubSpotFaults { RefuseCredentials = true });

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => h.Connector.ExecuteAsync(Call(CallKind.Create, Record("p1", "a@example.com")), default));

        Assert.Equal((ServiceCallFailure.Unauthorized, "BAD_REFRESH_TOKEN", true), (error.Failure, error.Code, error.StopsDestination));
        Assert.Equal(
            "credentials refused (HTTP 400 BAD_REFRESH_TOKEN from HubSpot's token endpoint: missing or invalid refresh token); check credentials.clientId and clientSecret, and that the app is still installed in the account for credentials.refreshToken",
            error.Message);
        Assert.Empty(h.Simulator.GetState().Records);
    }

    [Fact]
    public async Task WrongClientSecret_400BadClientId_Unauthorized_BeforeAnyApiRequest()
    {
        await using var h = await StartOAuthAsync(o => o.ClientSecret = "not-the-secret");

        var error = await Assert.ThrowsAsync<ServiceCallException>(() => LookupAsync(h));

        Assert.Equal((ServiceCallFailure.Unauthorized, "BAD_CLIENT_ID"), (error.Failure, error.Code));
        Assert.StartsWith("credentials refused (HTTP 400 BAD_CLIENT_ID from HubSpot's token endpoint: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Simulator.GetCounts().Of("lookup"));
    }

    [Fact]
    public async Task ConcurrentCalls_ShareOneTokenRequest()
    {
        await using var h = await StartOAuthAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => LookupAsync(h)));

        Assert.Equal(1, h.Simulator.OAuthTokensIssued);
        Assert.Equal(8, h.Simulator.GetCounts().Of("lookup"));
    }

    [Fact]
    public async Task TokenLifetimeShorterThanTwiceTheMargin_RenewedAtHalfItsLife()
    {
        await using var h = await StartOAuthAsync(simulator: o => o.AccessTokenLifetime = TimeSpan.FromMinutes(4));

        await LookupAsync(h);
        h.Time.Advance(TimeSpan.FromMinutes(1.5));
        await LookupAsync(h);
        var beforeHalf = h.Simulator.OAuthTokensIssued;
        h.Time.Advance(TimeSpan.FromMinutes(0.5));
        await LookupAsync(h);

        Assert.Equal((1, 2), (beforeHalf, h.Simulator.OAuthTokensIssued));
    }

    private static Task<HubSpotContractHarness> StartOAuthAsync(Action<HubSpotConnectorOptions>? connector = null, Action<HubSpotSimulatorOptions>? simulator = null) =>
        StartAsync(simulator, token: "", connector: o =>
        {
            o.ClientId = Sim.ClientId;
            o.ClientSecret = Sim.ClientSecret;
            o.RefreshToken = Sim.RefreshToken;
            connector?.Invoke(o);
        });

    private static Task<IReadOnlyList<RemoteMatch>> LookupAsync(HubSpotContractHarness h) =>
        h.Connector.LookupAsync(Call(CallKind.Lookup, Record("p1", "a@example.com")), default);
}
