namespace Highwater.Engine.Tests.Identity;

/// <summary>
/// Merged sources (the trust issue's case 7) on every service: <c>users</c> is the primary source
/// (it alone creates and deletes profiles), <c>extras(user_id, company)</c> in diff mode enriches
/// them. Each test asserts what the service holds.
/// </summary>
public sealed class SourceRoleTests
{
    public static IEnumerable<object[]> Services => IdentityWorld.Services;

    [Theory]
    [MemberData(nameof(Services))]
    public async Task SoftDeletedUser_WhoseExtrasRowChanges_StaysDeleted(string service)
    {
        await using var world = await IdentityWorld.CreateAsync(service);
        await world.UserAsync(1, "a@ex.com", "Alice");
        await world.UserAsync(2, "b@ex.com", "Bob");
        await world.CompanyAsync(1, "Acme");
        await world.SyncAsync();
        Assert.Equal("Acme", world.Only("a@ex.com").Company);

        await world.DeleteAsync(1);
        await world.SyncAsync();
        await world.CompanyAsync(1, "Acme Inc");
        await world.SyncAsync();

        var left = Assert.Single(world.Records());
        Assert.Equal("b@ex.com", left.Email);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task LiveUsersExtrasRow_RemovedInDiffMode_KeepsTheRecord_AndClearsOnlyItsField(string service)
    {
        await using var world = await IdentityWorld.CreateAsync(service);
        await world.UserAsync(1, "a@ex.com", "Alice", plan: "pro");
        await world.CompanyAsync(1, "Acme");
        await world.SyncAsync();
        var before = world.Only("a@ex.com");
        Assert.Equal("Acme", before.Company);

        await world.RemoveCompanyAsync(1);
        await world.SyncAsync();

        var after = Assert.Single(world.Records());
        Assert.Equal(before with { Company = after.Company }, after);
        Assert.True(string.IsNullOrEmpty(after.Company), $"{service}: the company is still '{after.Company}'");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task ExtrasRow_BeforeItsUser_ExportsNothing_ThenOneRecordWithBoth(string service)
    {
        await using var world = await IdentityWorld.CreateAsync(service);
        await world.CompanyAsync(1, "Acme");
        await world.SyncAsync();
        Assert.Empty(world.Records());

        await world.UserAsync(1, "a@ex.com", "Alice", plan: "trial");
        await world.SyncAsync();

        var record = Assert.Single(world.Records());
        Assert.Equal(("a@ex.com", "Alice", "Acme", "Trial"), (record.Email, record.FirstName, record.Company, record.Lists));
    }
}
