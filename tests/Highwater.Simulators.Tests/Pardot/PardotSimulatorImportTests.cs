using System.Net;
using Highwater.Simulators.Pardot;

namespace Highwater.Simulators.Tests.Pardot;

public sealed class PardotSimulatorImportTests : IAsyncLifetime
{
    private const string Create = """{"operation":"Upsert","object":"Prospect","createOnNoMatch":true,"fields":[{"name":"campaignId","overwrite":false},{"name":"lastName","nullOverwrite":true}]}""";
    private PardotSimulatorHarness _sim = null!;
    private PardotSimulatorState _seeded = null!;

    public async Task InitializeAsync()
    {
        _sim = await PardotSimulatorHarness.StartAsync(o => { o.ImportWaiting = TimeSpan.FromMinutes(1); o.ImportRunning = TimeSpan.FromMinutes(2); });
        await _sim.AuthorizeAsync();
        _seeded = _sim.Simulator.Seed(new PardotSeed(["VIP", "Trial"],
            [new PardotSimRecord(null, "there@example.com", new Dictionary<string, string?> { ["first_name"] = "Old", ["last_name"] = "Gone", ["company"] = "Keep" }, ["Trial"])]));
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private string List(string name) => _seeded.Lists.Single(l => l.Name == name).Id;

    [Fact]
    public async Task Import_OpenWaitingRunningComplete_UpsertsByEmail_ListsPerRow()
    {
        var created = await _sim.PostJsonAsync("api/v5/imports", Create);
        var id = (long)created.Body!["id"]!;
        var csv = $"matchEmail,email,campaignId,firstName,lastName,company,addToList,removeFromList\r\n" +
                  $"there@example.com,there@example.com,8245,New,,,{List("VIP")},{List("Trial")}\r\n" +
                  $"fresh@example.com,fresh@example.com,9000,Fresh,Face,Acme,\"{List("VIP")};{List("Trial")}\",\r\n";

        var batch = await _sim.UploadBatchAsync(id, csv);
        var ready = await _sim.PostJsonAsync($"api/v5/imports/{id}", """{"status":"Ready"}""", HttpMethod.Patch);
        _sim.Time.Advance(TimeSpan.FromMinutes(1));
        var running = (await _sim.GetAsync($"api/v5/imports/{id}")).Body!;
        var midway = _sim.Simulator.GetState().Records.Count;
        _sim.Time.Advance(TimeSpan.FromMinutes(2));
        var complete = (await _sim.GetAsync($"api/v5/imports/{id}")).Body!;

        Assert.Equal((HttpStatusCode.Created, "Open"), (created.Status, (string?)created.Body["status"]));
        Assert.EndsWith($"/api/v5/imports/{id}/batches", (string?)created.Body["batchesRef"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, batch.Status);
        Assert.Equal("Waiting", (string?)ready.Body!["status"]);
        Assert.Equal("Running", (string?)running["status"]);
        Assert.Equal(1, midway);
        Assert.Equal(("Complete", 1, 1, 0), ((string?)complete["status"], (int)complete["createdCount"]!, (int)complete["updatedCount"]!, (int)complete["errorCount"]!));
        Assert.Null(complete["errorsRef"]);
        var there = _sim.Prospect("there@example.com");
        Assert.Equal(("New", false, "Keep"), (there.Fields!["first_name"], there.Fields.ContainsKey("last_name"), there.Fields["company"]));
        Assert.Equal(["VIP"], there.Lists);
        Assert.Equal(["VIP", "Trial"], _sim.Prospect("fresh@example.com").Lists);
        Assert.Equal(5, _sim.Simulator.GetCounts().Of("import"));
    }

    [Fact]
    public async Task Import_BadRows_InTheErrorsFile_WithTheirMessage()
    {
        var id = (long)(await _sim.PostJsonAsync("api/v5/imports", Create)).Body!["id"]!;
        await _sim.UploadBatchAsync(id, "matchEmail,email,campaignId,firstName,addToList\r\nbad,bad,8245,X,\r\nok@example.com,ok@example.com,8245,Ok,999\r\ngood@example.com,good@example.com,8245,Good,\r\n");
        await _sim.PostJsonAsync($"api/v5/imports/{id}", """{"status":"Ready"}""", HttpMethod.Patch);
        _sim.Time.Advance(TimeSpan.FromMinutes(3));

        var complete = (await _sim.GetAsync($"api/v5/imports/{id}")).Body!;
        var errors = await _sim.GetTextAsync($"api/v5/imports/{id}/errors");

        Assert.Equal((1, 2), ((int)complete["createdCount"]!, (int)complete["errorCount"]!));
        Assert.EndsWith($"/api/v5/imports/{id}/errors", (string?)complete["errorsRef"], StringComparison.Ordinal);
        Assert.Equal(
            "matchEmail,email,campaignId,firstName,addToList,error\r\nbad,bad,8245,X,,Invalid prospect email address\r\nok@example.com,ok@example.com,8245,Ok,999,Invalid list ID: 999\r\n",
            errors.Text);
    }

    [Fact]
    public async Task Import_StateRules_161_156_155_160_AndUnknownColumns130()
    {
        var empty = (long)(await _sim.PostJsonAsync("api/v5/imports", Create)).Body!["id"]!;
        var noData = await _sim.PostJsonAsync($"api/v5/imports/{empty}", """{"status":"Ready"}""", HttpMethod.Patch);
        var unknown = await _sim.UploadBatchAsync(empty, "email,campaignId,shoeSize\r\na@example.com,1,44\r\n");
        var missing = await _sim.UploadBatchAsync(empty, "firstName\r\nA\r\n");

        var full = (long)(await _sim.PostJsonAsync("api/v5/imports", Create)).Body!["id"]!;
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await _sim.UploadBatchAsync(full, "email,campaignId\r\na@example.com,1\r\n")).Status);
        }

        var eleventh = await _sim.UploadBatchAsync(full, "email,campaignId\r\na@example.com,1\r\n");
        await _sim.PostJsonAsync($"api/v5/imports/{full}", """{"status":"Ready"}""", HttpMethod.Patch);
        var late = await _sim.UploadBatchAsync(full, "email,campaignId\r\na@example.com,1\r\n");
        var twice = await _sim.PostJsonAsync($"api/v5/imports/{full}", """{"status":"Ready"}""", HttpMethod.Patch);

        Assert.Equal(156, (int?)noData.Body!["code"]);
        Assert.Equal((130, "shoeSize"), ((int?)unknown.Body!["code"], (string?)unknown.Body["message"]));
        Assert.Equal((13, "'email' column, 'campaignId' column"), ((int?)missing.Body!["code"], (string?)missing.Body["message"]));
        Assert.Equal(160, (int?)eleventh.Body!["code"]);
        Assert.Equal(161, (int?)late.Body!["code"]);
        Assert.Equal(155, (int?)twice.Body!["code"]);
    }

    [Fact]
    public async Task Import_DailyBatchLimit_Code164()
    {
        await using var sim = await PardotSimulatorHarness.StartAsync(o => o.MaxImportBatchesPerDay = 1);
        await sim.AuthorizeAsync();
        var id = (long)(await sim.PostJsonAsync("api/v5/imports", Create)).Body!["id"]!;
        await sim.UploadBatchAsync(id, "email,campaignId\r\na@example.com,1\r\n");

        var second = await sim.UploadBatchAsync(id, "email,campaignId\r\nb@example.com,1\r\n");

        Assert.Equal(164, (int?)second.Body!["code"]);
    }
}
