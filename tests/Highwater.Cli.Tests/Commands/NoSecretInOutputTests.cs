using Highwater.Engine.Samples;

namespace Highwater.Cli.Tests.Commands;

/// <summary>Secrets resolve to known values; <c>plan</c> and <c>status</c>, as text and as JSON, print none of them.</summary>
public sealed class NoSecretInOutputTests
{
    [Fact]
    public async Task PlanAndStatus_NeverPrintAResolvedSecret()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (app, clientId, clientSecret) = ($"HW_APP_{id}", $"HW_ID_{id}", $"HW_SECRET_{id}");
        await using var f = await SampleProjectFixture.CreateAsync(
            users: 100,
            uri => SampleProject.Config(uri)
                .Replace("connection: app.db", $"connection: ${{{app}}}", StringComparison.Ordinal)
                .Replace("${MARKETO_CLIENT_ID}", $"${{{clientId}}}", StringComparison.Ordinal)
                .Replace("${MARKETO_CLIENT_SECRET}", $"${{{clientSecret}}}", StringComparison.Ordinal));
        var secrets = new Dictionary<string, string>
        {
            [app] = $"Data Source={f.App.Path}",
            [clientId] = "sim-client",
            [clientSecret] = "sim-secret",
        };
        foreach (var (name, value) in secrets)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            await using (var engine = await f.OpenEngineAsync(secrets: secrets))
            {
                await engine.SyncOnceAsync(null, null, CancellationToken.None);
            }

            await f.App.ApplyAsync(new SampleDatabase.Wave(Edits: 5, NewUsers: 5, Deletions: 1, EmailChanges: 1, PlanMoves: 2), seed: 5, CancellationToken.None);
            var outputs = new[]
            {
                SampleProjectFixture.Run("plan", "--config", f.ConfigPath),
                SampleProjectFixture.Run("plan", "--config", f.ConfigPath, "--json"),
                SampleProjectFixture.Run("status", "--config", f.ConfigPath),
                SampleProjectFixture.Run("status", "--config", f.ConfigPath, "--json"),
            };

            foreach (var result in outputs)
            {
                Assert.Equal(0, result.ExitCode);
                foreach (var value in secrets.Values)
                {
                    Assert.DoesNotContain(value, result.Output, StringComparison.Ordinal);
                    Assert.DoesNotContain(value, result.Errors, StringComparison.Ordinal);
                }
            }

            // The plan did poll through the referenced connection: the secrets were in use, not absent.
            Assert.Equal(14, outputs[1].Json().GetProperty("destinations")[0].GetProperty("rows").GetProperty("total").GetInt64());
        }
        finally
        {
            foreach (var name in secrets.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
