using System.Globalization;
using System.Text.Json;
using Highwater.Simulators;

namespace Highwater.Benchmarks.Scenarios;

/// <summary>
/// <c>make-scenarios DIR</c>: writes the shipped scenarios (bench/scenarios/*.json) from fixed
/// seeds, so they can be re-made and read as recipes rather than as 1,000-line files.
/// <c>make-scenarios DIR --service NAME</c> writes the standard six for any service in the module
/// lists (<see cref="Standard"/>), so a new service ships its scenarios without a recipe here.
/// </summary>
internal static class ScenarioMaker
{
    public const string Command = "make-scenarios";

    private static readonly string[] ListNames = ["Newsletter", "Customers", "Trial", "Webinar 2026", "VIP"];

    public static int Run(string[] args, TextWriter output)
    {
        var dir = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "bench/scenarios";
        var at = Array.IndexOf(args, "--service");
        string? service = at > 0 && at + 1 < args.Length ? args[at + 1] : null;
        if (service is not null && !ScenarioServices.Names.Contains(service, StringComparer.Ordinal))
        {
            Console.Error.WriteLine($"--service must be one of {string.Join(", ", ScenarioServices.Names)} (was '{service}')");
            return 2;
        }

        Directory.CreateDirectory(dir);
        foreach (var (name, scenario) in service is null ? All() : Standard(service))
        {
            var path = Path.Combine(dir, name + ".json");
            File.WriteAllText(path, JsonSerializer.Serialize(scenario, Scenario.Json) + "\n");
            output.WriteLine($"{path}: {scenario.Profiles.Count} profiles, {scenario.Remote.Count} remote records");
        }

        return 0;
    }

    /// <summary>Every shipped scenario, by file name.</summary>
    public static IEnumerable<(string Name, Scenario Scenario)> All()
    {
        // The seed's first example: 300 users, 5 groups, every step of the algorithm non-empty.
        yield return ("seed-example-1-marketo", Make(new Recipe("marketo", Seed: 1, Groups: 5) { Deletes = 30, Updates = 150, Creates = 100, UnknownExisting = 20, Join = 0.25, Leave = 0.2 }));

        // The seed's second example: 1,000 users, 5 groups, not everyone in every group.
        yield return ("seed-example-2-marketo", Make(new Recipe("marketo", Seed: 2, Groups: 5) { Deletes = 50, Updates = 500, Creates = 400, UnknownExisting = 50, Join = 0.15, Leave = 0.05 }));
        yield return ("marketo-key-changes", Make(new Recipe("marketo", Seed: 3, Groups: 2) { Updates = 60, KeyChanges = 40, Join = 0.1, Leave = 0.1 }));
        yield return ("marketo-additive-deletes", Make(new Recipe("marketo", Seed: 4, Groups: 3, Mode: "additive") { Deletes = 80, Updates = 100, Creates = 20, Join = 0.1, Leave = 0.1 }));
        yield return ("marketo-enrich", Make(new Recipe("marketo", Seed: 5, Groups: 3, Mode: "enrich") { Updates = 100, Creates = 100, UnknownExisting = 50, Join = 0.2, Leave = 0.1 }));
        yield return ("marketo-unchanged", Make(new Recipe("marketo", Seed: 6, Groups: 5) { Unchanged = 300 }));
        yield return ("marketo-memberships-only", Make(new Recipe("marketo", Seed: 7, Groups: 5) { MembershipOnly = 300, Join = 0.3, Leave = 0.3 }));
        yield return ("marketo-backfill-2000", Make(new Recipe("marketo", Seed: 8, Groups: 3) { Creates = 2000, Join = 0.5 }));
        yield return ("salesforce-mixed", Make(new Recipe("salesforce", Seed: 9, Groups: 4) { Deletes = 40, Updates = 200, Creates = 120, UnknownExisting = 40, Join = 0.2, Leave = 0.15 }));
        yield return ("salesforce-key-changes", Make(new Recipe("salesforce", Seed: 10, Groups: 2) { Updates = 50, KeyChanges = 50, Join = 0.1, Leave = 0.1 }));
        yield return ("salesforce-additive-deletes", Make(new Recipe("salesforce", Seed: 11, Groups: 3, Mode: "additive") { Deletes = 60, Updates = 60, Join = 0.1, Leave = 0.1 }));
        // The seed's first example again, on a service that fails a fifth of all calls and drops a
        // fifth of all connections after applying them: retries, and lost creates resolved by lookup.
        yield return ("marketo-faults", Make(new Recipe("marketo", Seed: 13, Groups: 5) { Deletes = 30, Updates = 150, Creates = 100, UnknownExisting = 20, Join = 0.25, Leave = 0.2 }) with
        {
            Faults = new() { ["serverErrorRate"] = 0.2, ["dropRate"] = 0.2 },
        });
        yield return ("salesforce-faults", Make(new Recipe("salesforce", Seed: 14, Groups: 4) { Deletes = 40, Updates = 200, Creates = 120, UnknownExisting = 40, Join = 0.2, Leave = 0.15 }) with
        {
            Faults = new() { ["serverErrorRate"] = 0.2, ["dropRate"] = 0.2 },
        });
        yield return ("salesforce-enrich", Make(new Recipe("salesforce", Seed: 15, Groups: 3, Mode: "enrich") { Updates = 100, Creates = 60, UnknownExisting = 40, Join = 0.2, Leave = 0.1 }));
        yield return ("salesforce-found-remotely", Make(new Recipe("salesforce", Seed: 12, Groups: 4) { UnknownExisting = 200, Join = 0.4 }));

        // Contacts Highwater never exported, in campaigns their groups do not map to: the lookup
        // answers their CampaignMember ids, so taking them out is only the delete.
        yield return ("salesforce-found-remotely-leaves", Make(new Recipe("salesforce", Seed: 28, Groups: 4) { UnknownExisting = 200, Join = 0.3, Leave = 0.3 }));

        // Eloqua: bulk upserts and per-list sync actions, one REST call per delete and per e-mail change.
        yield return ("eloqua-mixed", Make(new Recipe("eloqua", Seed: 21, Groups: 3) { Deletes = 20, Updates = 150, Creates = 100, UnknownExisting = 30, Join = 0.2, Leave = 0.15 }));
        yield return ("eloqua-backfill-2000", Make(new Recipe("eloqua", Seed: 22, Groups: 3) { Creates = 2000, Join = 0.5 }));
        yield return ("eloqua-key-changes", Make(new Recipe("eloqua", Seed: 23, Groups: 2) { Updates = 60, KeyChanges = 15, Join = 0.1, Leave = 0.1 }));
        yield return ("eloqua-memberships-only", Make(new Recipe("eloqua", Seed: 24, Groups: 5) { MembershipOnly = 300, Join = 0.3, Leave = 0.3 }));
        yield return ("eloqua-additive-deletes", Make(new Recipe("eloqua", Seed: 25, Groups: 3, Mode: "additive") { Deletes = 40, Updates = 100, Creates = 30, Join = 0.1, Leave = 0.1 }));
        yield return ("eloqua-enrich", Make(new Recipe("eloqua", Seed: 26, Groups: 3, Mode: "enrich") { Updates = 100, Creates = 50, UnknownExisting = 40, Join = 0.2, Leave = 0.1 }));

        // Slow syncs (three polls pending or active each) on a service that fails a twentieth of all
        // requests and drops a twentieth of all connections after applying them.
        yield return ("eloqua-faults", Make(new Recipe("eloqua", Seed: 27, Groups: 3) { Deletes = 10, Updates = 100, Creates = 60, Join = 0.2, Leave = 0.15 }) with
        {
            Faults = new() { ["serverErrorRate"] = 0.05, ["dropRate"] = 0.05, ["syncPolls"] = 3 },
        });

        // Pardot: the batch path (one-key lookups, batchUpsert of 50 with the lists inline), or one
        // Import API job without lookups where it saves more calls than its wait is worth.
        yield return ("pardot-mixed-small", Make(new Recipe("pardot", Seed: 16, Groups: 3) { Deletes = 15, Updates = 75, Creates = 50, UnknownExisting = 10, Join = 0.25, Leave = 0.2 }));
        yield return ("pardot-seed-example-1", Make(new Recipe("pardot", Seed: 17, Groups: 5) { Deletes = 30, Updates = 150, Creates = 100, UnknownExisting = 20, Join = 0.25, Leave = 0.2 }));
        yield return ("pardot-backfill-2000", Make(new Recipe("pardot", Seed: 18, Groups: 3) { Creates = 2000, Join = 0.5 }));
        yield return ("pardot-memberships-only", Make(new Recipe("pardot", Seed: 19, Groups: 5) { MembershipOnly = 150, Join = 0.3, Leave = 0.3 }));
        yield return ("pardot-key-changes", Make(new Recipe("pardot", Seed: 20, Groups: 2) { Updates = 60, KeyChanges = 40, Join = 0.1, Leave = 0.1 }));
        yield return ("pardot-additive-deletes", Make(new Recipe("pardot", Seed: 21, Groups: 3, Mode: "additive") { Deletes = 40, Updates = 60, Join = 0.1, Leave = 0.1 }));
        yield return ("pardot-enrich", Make(new Recipe("pardot", Seed: 22, Groups: 3, Mode: "enrich") { Updates = 60, Creates = 30, UnknownExisting = 30, Join = 0.2, Leave = 0.1 }));
        // A tenth of all calls fail and a tenth of the connections drop after applying: Pardot's
        // one-key lookups make many more calls than Marketo's, each one a chance to fail.
        yield return ("pardot-faults", Make(new Recipe("pardot", Seed: 23, Groups: 3) { Deletes = 15, Updates = 75, Creates = 50, UnknownExisting = 10, Join = 0.25, Leave = 0.2 }) with
        {
            Faults = new() { ["serverErrorRate"] = 0.1, ["dropRate"] = 0.1 },
        });

        // The backfill's import job on the same failing service: a lost create or upload leaves an
        // import that was never started (harmless), a lost Ready is checked by reading the import.
        yield return ("pardot-backfill-faults", Make(new Recipe("pardot", Seed: 18, Groups: 3) { Creates = 2000, Join = 0.5 }) with
        {
            Faults = new() { ["serverErrorRate"] = 0.1, ["dropRate"] = 0.1 },
        });
    }

    /// <summary>
    /// The six every service ships, named <c>SERVICE-first-sync</c> and so on: a first sync (all new,
    /// some found remotely), a steady day (every step), key changes, nothing changed, an additive
    /// batch with deletes, and the steady day against a service failing a tenth of all requests and
    /// dropping a tenth of all connections after applying them.
    /// </summary>
    public static IEnumerable<(string Name, Scenario Scenario)> Standard(string service)
    {
        yield return ($"{service}-first-sync", Make(new Recipe(service, Seed: 101, Groups: 3) { Creates = 400, UnknownExisting = 100, Join = 0.4 }));
        yield return ($"{service}-steady-day", Make(new Recipe(service, Seed: 102, Groups: 5) { Deletes = 30, Updates = 150, Creates = 100, UnknownExisting = 20, Join = 0.25, Leave = 0.2 }));
        yield return ($"{service}-key-changes", Make(new Recipe(service, Seed: 103, Groups: 2) { Updates = 60, KeyChanges = 40, Join = 0.1, Leave = 0.1 }));
        yield return ($"{service}-unchanged", Make(new Recipe(service, Seed: 104, Groups: 5) { Unchanged = 300 }));
        yield return ($"{service}-additive-deletes", Make(new Recipe(service, Seed: 105, Groups: 3, Mode: "additive") { Deletes = 60, Updates = 60, Creates = 20, Join = 0.1, Leave = 0.1 }));
        yield return ($"{service}-faults", Make(new Recipe(service, Seed: 106, Groups: 5) { Deletes = 30, Updates = 150, Creates = 100, UnknownExisting = 20, Join = 0.25, Leave = 0.2 }) with
        {
            Faults = new() { ["serverErrorRate"] = 0.1, ["dropRate"] = 0.1 },
        });
    }

    internal sealed record Recipe(string Service, int Seed, int Groups, string Mode = "sync")
    {
        /// <summary>Known, exist remotely, to be deleted.</summary>
        public int Deletes { get; init; }

        /// <summary>Known, exist remotely, one field changed (plus group joins and leaves).</summary>
        public int Updates { get; init; }

        /// <summary>Known, exist remotely, the e-mail changed.</summary>
        public int KeyChanges { get; init; }

        /// <summary>Never exported and absent remotely.</summary>
        public int Creates { get; init; }

        /// <summary>Never exported by Highwater, but a record with the e-mail exists remotely (made by someone else).</summary>
        public int UnknownExisting { get; init; }

        /// <summary>Known and identical to what was exported.</summary>
        public int Unchanged { get; init; }

        /// <summary>Known; only groups change.</summary>
        public int MembershipOnly { get; init; }

        /// <summary>Chance that a profile joins each group it is not in.</summary>
        public double Join { get; init; }

        /// <summary>Chance that a profile leaves each group it is in.</summary>
        public double Leave { get; init; }
    }

    internal static Scenario Make(Recipe recipe)
    {
        var random = new Random(recipe.Seed);

        // The service's own field names and record ids, from its simulator's module.
        var harness = SimulatorModules.Get(recipe.Service).Harness;
        var (emailField, firstField, lastField, titleField) = (harness.Fields.Email, harness.Fields.FirstName, harness.Fields.LastName, harness.Fields.Title);
        var groups = Enumerable.Range(0, recipe.Groups).Select(i => ListNames[i].ToLowerInvariant().Replace(' ', '-')).ToList();
        var lists = groups.Select((g, i) => (g, ListNames[i])).ToDictionary(p => p.g, p => p.Item2, StringComparer.Ordinal);
        var remote = new List<RemoteRecord>();
        var known = new List<KnownProfile>();
        var profiles = new List<ScenarioProfile>();
        var n = 0;
        var seeded = 0;

        string Id() => harness.RecordId(seeded++);

        Dictionary<string, string?> Fields(string key, string email, string title) => new(StringComparer.Ordinal)
        {
            [emailField] = email,
            [firstField] = "First" + key,
            [lastField] = "Last" + key,
            [titleField] = title,
        };

        List<string> SomeGroups() => [.. groups.Where(_ => random.NextDouble() < 0.4)];

        List<string> Changed(List<string> current)
        {
            var next = current.Where(_ => random.NextDouble() >= recipe.Leave).ToList();
            next.AddRange(groups.Where(g => !current.Contains(g) && random.NextDouble() < recipe.Join));
            return next;
        }

        (string Key, string Email, List<string> Groups, string Id, Dictionary<string, string?> Fields) Existing(string title)
        {
            var key = "p" + (++n).ToString("D5", CultureInfo.InvariantCulture);
            var email = $"{key}@example.com";
            var memberOf = SomeGroups();
            var fields = Fields(key, email, title);
            var id = Id();
            remote.Add(new RemoteRecord { Id = id, Email = email, Fields = new(fields), Lists = [.. memberOf.Select(g => lists[g])] });
            known.Add(new KnownProfile { Key = key, Email = email, RemoteId = id, Fields = new(fields), Groups = memberOf });
            return (key, email, memberOf, id, fields);
        }

        for (var i = 0; i < recipe.Deletes; i++)
        {
            var (key, email, _, _, fields) = Existing("Analyst");
            profiles.Add(new ScenarioProfile { Key = key, Email = email, Fields = fields, Groups = [], Delete = true });
        }

        for (var i = 0; i < recipe.Updates; i++)
        {
            var (key, email, memberOf, _, fields) = Existing("Analyst");
            profiles.Add(new ScenarioProfile { Key = key, Email = email, Fields = new(fields) { [titleField] = "Manager" }, Groups = Changed(memberOf) });
        }

        for (var i = 0; i < recipe.KeyChanges; i++)
        {
            var (key, email, memberOf, _, fields) = Existing("Analyst");
            var moved = $"{key}.new@example.com";
            profiles.Add(new ScenarioProfile { Key = key, Email = moved, PreviousEmail = email, Fields = new(fields) { [emailField] = moved }, Groups = Changed(memberOf) });
        }

        for (var i = 0; i < recipe.Unchanged; i++)
        {
            var (key, email, memberOf, _, fields) = Existing("Analyst");
            profiles.Add(new ScenarioProfile { Key = key, Email = email, Fields = fields, Groups = memberOf });
        }

        for (var i = 0; i < recipe.MembershipOnly; i++)
        {
            var (key, email, memberOf, _, fields) = Existing("Analyst");
            profiles.Add(new ScenarioProfile { Key = key, Email = email, Fields = fields, Groups = Changed(memberOf) });
        }

        for (var i = 0; i < recipe.Creates; i++)
        {
            var key = "p" + (++n).ToString("D5", CultureInfo.InvariantCulture);
            var email = $"{key}@example.com";
            profiles.Add(new ScenarioProfile { Key = key, Email = email, Fields = Fields(key, email, "Engineer"), Groups = Changed([]) });
        }

        for (var i = 0; i < recipe.UnknownExisting; i++)
        {
            var key = "p" + (++n).ToString("D5", CultureInfo.InvariantCulture);
            var email = $"{key}@example.com";
            var theirs = SomeGroups();
            remote.Add(new RemoteRecord { Id = Id(), Email = email, Fields = Fields(key, email, "Someone else's"), Lists = [.. theirs.Select(g => lists[g])] });
            profiles.Add(new ScenarioProfile { Key = key, Email = email, Fields = Fields(key, email, "Engineer"), Groups = Changed(theirs) });
        }

        return new Scenario { Service = recipe.Service, SyncMode = recipe.Mode, Lists = lists, Remote = remote, Known = known, Profiles = profiles };
    }
}
