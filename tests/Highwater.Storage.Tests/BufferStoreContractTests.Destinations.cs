namespace Highwater.Storage.Tests;

public abstract partial class BufferStoreContractTests
{
    [SkippableFact]
    public async Task Destinations_UnknownDestination_HasNoState()
    {
        Assert.Null(await Store.Destinations.GetAsync(Unique("nowhere"), None));
    }

    [SkippableFact]
    public async Task Destinations_AdoptionAndLastRun_AreKeptApart_AndReplaced()
    {
        var destination = Unique("crm");
        await Store.Destinations.SetAdoptedAsync(destination, "Customers|Trial", None);
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.Destinations.SetLastRunAsync(destination, """{"exported":3}""", None);
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.Destinations.SetLastRunAsync(destination, """{"exported":5}""", None);

        var state = await Store.Destinations.GetAsync(destination, None);

        Assert.Equal(
            new Storage.Destinations.DestinationState(destination, "Customers|Trial", Start, Start.AddMinutes(2), """{"exported":5}"""),
            state);
        Assert.Contains(state, await Store.Destinations.ListAsync(None));
    }
}
