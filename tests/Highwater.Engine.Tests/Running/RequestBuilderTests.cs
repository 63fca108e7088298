using Highwater.Core.Model;
using Highwater.Engine.Configuration;
using Highwater.Engine.Running;
using Highwater.Storage.Ingest;
using Highwater.Storage.Outbox;
using Highwater.Storage.Profiles;
using Highwater.Storage.RemoteState;

namespace Highwater.Engine.Tests.Running;

public class RequestBuilderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static readonly DestinationConfig Destination = new()
    {
        Name = "marketo",
        Kind = "marketo",
        Account = "acme",
        BaseUrl = new Uri("http://127.0.0.1:1/"),
        Credentials = new Dictionary<string, SecretValue>(),
        ForeignKey = "email",
        Fields = new Dictionary<string, string> { ["email"] = "email", ["lastName"] = "surname", ["firstName"] = "given_name" },
        Lists = new Dictionary<string, string>(),
        BatchSize = 300,
    };

    private static readonly FieldLayout Layout = new(Destination.Fields.Keys);

    private static readonly StoredProfile Profile = new(
        "p1",
        new Dictionary<string, string?> { ["email"] = "ada@example.com", ["given_name"] = "Ada", ["plan"] = "pro" },
        new HashSet<string>(),
        Deleted: false,
        At);

    [Fact]
    public void Build_LaysFieldsOutInTheConfiguredOrder_AnUnsetPropertyAsNull()
    {
        var request = BuildOne(state: null);

        var fields = Assert.IsType<FieldMap>(request.Fields);
        Assert.Same(Layout, fields.Layout);
        Assert.Equal(
            [new("email", "ada@example.com"), new("lastName", null), new("firstName", "Ada")],
            fields.ToList<KeyValuePair<string, string?>>());
        Assert.Null(request.LastExported);
    }

    [Fact]
    public void Build_StoredFieldsOfTheSameNames_AreAdoptedIntoTheLayout()
    {
        // Stored maps come back in ordinal order, not the configuration's.
        var stored = new Dictionary<string, string?> { ["email"] = "ada@example.com", ["firstName"] = "Ada", ["lastName"] = "Lovelace" };

        var request = BuildOne(State(stored));

        var last = Assert.IsType<FieldMap>(request.LastExported!.Fields);
        Assert.Same(Layout, last.Layout);
        Assert.Equal("Lovelace", last["lastName"]);
        Assert.Equal("r1", request.LastExported.RemoteId);
    }

    [Fact]
    public void Build_StoredFieldsOfOtherNames_KeepTheirShape()
    {
        // The mapping gained lastName since the last export: a field never sent is not a null one.
        var stored = new Dictionary<string, string?> { ["email"] = "ada@example.com", ["firstName"] = "Ada" };

        var request = BuildOne(State(stored));

        Assert.Same(stored, request.LastExported!.Fields);
    }

    private static ExportRequest BuildOne(RemoteRecordState? state)
    {
        var item = new OutboxItem("marketo", "p1", 1, OutboxLane.Live, At, At, 0);
        var states = state is null ? new Dictionary<string, RemoteRecordState>() : new Dictionary<string, RemoteRecordState> { ["p1"] = state };
        var built = RequestBuilder.Build(Destination, Layout, [item], new Dictionary<string, StoredProfile> { ["p1"] = Profile }, states);
        return Assert.Single(built.Requests).Request;
    }

    private static RemoteRecordState State(IReadOnlyDictionary<string, string?> fields) =>
        new("marketo", "p1", "r1", "ada@example.com", fields, new HashSet<string>(), At);
}
