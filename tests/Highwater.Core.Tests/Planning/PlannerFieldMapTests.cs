using Highwater.Core.Model;
using Highwater.Core.Planning;

namespace Highwater.Core.Tests.Planning;

/// <summary>
/// The engine lays fields out as <see cref="FieldMap"/>s on the destination's names and the planner
/// compares two of them slot by slot: it must plan exactly what it plans for the same fields as
/// dictionaries, which the property tests hold to the service's convergence.
/// </summary>
public class PlannerFieldMapTests
{
    private static readonly FieldLayout Layout = new(["f1", "f2", "f3"]);

    [Fact]
    public void Plan_FieldMaps_PlansExactlyAsDictionaries()
    {
        var compared = 0;
        for (var seed = 0; seed < 1500; seed++)
        {
            var plain = World.Generate(seed);
            var laidOut = World.Generate(seed);
            var batch = laidOut.Batch.Select(LayOut).ToList();
            compared += batch.Count(r => r.Fields is FieldMap && r.LastExported?.Fields is FieldMap);

            var expected = Describe(PlanRunner.RunOnce(plain.Planner, plain.Service, plain.Batch));
            var actual = Describe(PlanRunner.RunOnce(laidOut.Planner, laidOut.Service, batch));

            Assert.True(expected == actual, $"{plain}:\ndictionaries: {expected}\nfield maps:   {actual}");
        }

        // The slot-by-slot diff ran, not only the fallback by name.
        Assert.True(compared > 1000, $"only {compared} requests had both sides laid out");
    }

    [Fact]
    public void Plan_FieldMapOnAnotherOrderOfTheSameNames_DiffsByName()
    {
        var reversed = new FieldLayout(["f3", "f2", "f1"]);
        var request = new ExportRequest
        {
            ProfileKey = "p1",
            ForeignKey = "a@example.com",
            Fields = new FieldMap(Layout, ["a", "b", "c"]),
            LastExported = new ExportedState { RemoteId = "r1", Fields = new FieldMap(reversed, ["c", "x", "a"]) },
        };

        var update = Write(request);

        Assert.Equal([new("f2", "b")], update.Fields!.ToList<KeyValuePair<string, string?>>());
    }

    [Fact]
    public void Plan_NewProfileWithNullFields_CreatesWithTheOthersOnly()
    {
        var request = new ExportRequest { ProfileKey = "p1", ForeignKey = "a@example.com", Fields = new FieldMap(Layout, ["a", null, "c"]) };

        var create = Write(request, lookupFinds: false);

        Assert.Equal([new("f1", "a"), new("f3", "c")], create.Fields!.ToList<KeyValuePair<string, string?>>());
    }

    private static PlannedRecord Write(ExportRequest request, bool lookupFinds = true)
    {
        var planner = new Planner(KnownServices.Salesforce, new PlannerOptions());
        var plan = planner.Plan([request], keys => lookupFinds ? keys.Select(key => new RemoteMatch(key, "r1", null)) : []);
        return Assert.Single(plan.Steps.Where(step => step.Kind != StepKind.Lookup).SelectMany(step => step.Calls).SelectMany(call => call.Records));
    }

    private static ExportRequest LayOut(ExportRequest request) => request with
    {
        Fields = Layout.Adopt(request.Fields),
        LastExported = request.LastExported is { } last ? last with { Fields = Layout.Adopt(last.Fields) } : null,
    };

    private static string Describe(Plan plan) => string.Join(
        "; ",
        plan.Steps.SelectMany(step => step.Calls).Select(call =>
            $"{call.Kind} {call.List} [{string.Join(", ", call.Records.Select(Describe))}]"));

    private static string Describe(PlannedRecord record) =>
        $"{record.ProfileKey} {record.RemoteId} {record.ForeignKey} {record.MatchForeignKey} " +
        $"{{{string.Join(",", (record.Fields ?? FieldValues.Empty).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value ?? "null"}"))}}} " +
        $"{string.Join(",", (record.ListChanges ?? []).Select(change => change.ToString()))}";
}
