using System.Net;
using System.Net.Http.Headers;
using Highwater.Simulators.Pardot;

namespace Highwater.Simulators.Tests.Pardot;

public sealed class PardotSimulatorAuthTests
{
    [Fact]
    public async Task Token_BadSecret_InvalidClient_Http400()
    {
        await using var sim = await PardotSimulatorHarness.StartAsync();

        var (status, body) = await sim.TokenAsync(secret: "wrong");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_client", (string?)body["error"]);
    }

    [Fact]
    public async Task Token_GoodCredentials_BearerSessionWithInstanceUrl()
    {
        await using var sim = await PardotSimulatorHarness.StartAsync();

        var (status, body) = await sim.TokenAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", (string?)body["token_type"]);
        Assert.StartsWith("00D", (string?)body["access_token"], StringComparison.Ordinal);
        Assert.Equal(sim.Simulator.BaseAddress.AbsoluteUri.TrimEnd('/'), (string?)body["instance_url"]);
    }

    [Fact]
    public async Task Api_WithoutToken_184_Http401_CountedNowhere()
    {
        await using var sim = await PardotSimulatorHarness.StartAsync();

        var (status, body) = await sim.ReadByEmailAsync("a@example.com");

        Assert.Equal((HttpStatusCode.Unauthorized, 184), (status, PardotSimulatorHarness.ErrorCode(body)));
        Assert.Equal("fail", (string?)body!["@attributes"]!["stat"]);
        Assert.Equal(0, sim.Simulator.UsedToday);
    }

    [Fact]
    public async Task Api_WithoutBusinessUnit_181_WithAnother_201()
    {
        await using var sim = await PardotSimulatorHarness.StartAsync();
        await sim.AuthorizeAsync();
        sim.Http.DefaultRequestHeaders.Remove("Pardot-Business-Unit-Id");

        var missing = await sim.ReadByEmailAsync("a@example.com");
        sim.Http.DefaultRequestHeaders.Add("Pardot-Business-Unit-Id", "0Uv5g000000Other1AA");
        var other = await sim.ReadByEmailAsync("a@example.com");

        Assert.Equal((HttpStatusCode.BadRequest, 181), (missing.Status, PardotSimulatorHarness.ErrorCode(missing.Body)));
        Assert.Equal(201, PardotSimulatorHarness.ErrorCode(other.Body));
    }

    [Fact]
    public async Task Session_ExpiresAfterItsLifetime_AndOnTheFault()
    {
        await using var sim = await PardotSimulatorHarness.StartAsync(o => o.SessionLifetime = TimeSpan.FromMinutes(30));
        await sim.AuthorizeAsync();

        var fresh = await sim.ReadByEmailAsync("a@example.com");
        sim.Time.Advance(TimeSpan.FromMinutes(30));
        var stale = await sim.ReadByEmailAsync("a@example.com");
        await sim.AuthorizeAsync();
        sim.Simulator.SetFaults(new PardotFaults { ExpireTokens = true });
        var expired = await sim.ReadByEmailAsync("a@example.com");

        Assert.Equal(4, PardotSimulatorHarness.ErrorCode(fresh.Body)); // not found: the session was good
        Assert.Equal(184, PardotSimulatorHarness.ErrorCode(stale.Body));
        Assert.Equal(184, PardotSimulatorHarness.ErrorCode(expired.Body));
    }

    [Fact]
    public async Task V5_WithoutToken_CodeAndMessageEnvelope()
    {
        await using var sim = await PardotSimulatorHarness.StartAsync();
        sim.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nope");

        var (status, body) = await sim.GetAsync("api/v5/imports/1");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(184, (int?)body!["code"]);
        Assert.Contains("access_token is invalid", (string?)body["message"], StringComparison.Ordinal);
    }
}
