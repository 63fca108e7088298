using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Highwater.Engine.Samples;

/// <summary>
/// The sample application database of <c>init</c> and <c>demo</c>: a SQLite file with a
/// <c>users</c> table (key <c>id</c>, mark <c>updated_at</c>, soft delete <c>deleted</c>) of
/// generated users, and waves of realistic changes to it: edits, new users, deletions, e-mail
/// changes and plan moves (which move users between groups, so between lists).
/// </summary>
public sealed class SampleDatabase
{
    /// <summary>The plans users move between; the sample configuration maps each to a group and a list.</summary>
    public static readonly IReadOnlyList<string> Plans = ["free", "trial", "pro", "enterprise"];

    private static readonly string[] FirstNames = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Frances", "Dennis", "Radia", "Tim", "Hedy", "Linus", "Katherine", "John"];
    private static readonly string[] Countries = ["US", "GB", "DE", "FR", "NL", "SE", "JP", "BR", "IN", "CA"];

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    /// <summary>A sample database in <paramref name="path"/> (created by <see cref="CreateAsync"/>).</summary>
    public SampleDatabase(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Creates the table (replacing the file) with <paramref name="users"/> generated users, ids 1..N, last updated a day ago.</summary>
    public async Task CreateAsync(int users, int seed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(users);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, """
            CREATE TABLE users (
                id         INTEGER PRIMARY KEY,
                email      TEXT,
                first_name TEXT,
                country    TEXT,
                plan       TEXT NOT NULL,
                deleted    INTEGER NOT NULL DEFAULT 0,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX users_updated_at ON users (updated_at, id);
            """, cancellationToken).ConfigureAwait(false);
        var random = new Random(seed);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = Insert(connection, transaction);
        // Last updated over the past day, in id order, as users of a live application are.
        var step = TimeSpan.FromTicks(TimeSpan.TicksPerDay / Math.Max(1, users + 1));
        for (var id = 1; id <= users; id++)
        {
            await WriteAsync(insert, id, NewUser(random, id), Stamp(TimeSpan.FromDays(1) - (step * id)), cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many changes of each kind a wave makes.</summary>
    /// <param name="Edits">Users whose name or country changes.</param>
    /// <param name="NewUsers">Users added.</param>
    /// <param name="Deletions">Users soft-deleted.</param>
    /// <param name="EmailChanges">Users whose e-mail (the foreign key) changes.</param>
    /// <param name="PlanMoves">Users who move to another plan (another group, so another list).</param>
    /// <param name="RepeatedEdits">Extra edits to users already changed in this wave (they de-duplicate in the buffer).</param>
    public sealed record Wave(int Edits, int NewUsers, int Deletions, int EmailChanges, int PlanMoves, int RepeatedEdits = 0)
    {
        /// <summary>Row changes in all.</summary>
        public int Changes => Edits + NewUsers + Deletions + EmailChanges + PlanMoves + RepeatedEdits;
    }

    /// <summary>Applies a wave of changes to distinct live users (and new ones after the highest id); returns the users it touched.</summary>
    public async Task<int> ApplyAsync(Wave wave, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wave);
        var random = new Random(seed);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var live = new List<(long Id, string Email, string Plan)>();
        long maxId = 0;
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT id, email, plan, deleted FROM users ORDER BY id";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                maxId = Math.Max(maxId, reader.GetInt64(0));
                if (reader.GetInt64(3) == 0)
                {
                    live.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
                }
            }
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(live));
        var taken = 0;
        IEnumerable<(long Id, string Email, string Plan)> Take(int n)
        {
            var slice = live.Skip(taken).Take(n).ToList();
            taken += slice.Count;
            return slice;
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var touched = new List<long>();
        async Task UpdateAsync(string set, long id, params (string Name, object Value)[] values)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"UPDATE users SET {set}, updated_at = $at WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$at", Stamp());
            foreach (var (name, value) in values)
            {
                command.Parameters.AddWithValue(name, value);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            touched.Add(id);
        }

        foreach (var user in Take(wave.Edits))
        {
            await UpdateAsync("first_name = $first, country = $country", user.Id, ("$first", FirstNames[random.Next(FirstNames.Length)] + random.Next(100)), ("$country", Countries[random.Next(Countries.Length)])).ConfigureAwait(false);
        }

        foreach (var user in Take(wave.Deletions))
        {
            await UpdateAsync("deleted = 1", user.Id).ConfigureAwait(false);
        }

        foreach (var user in Take(wave.EmailChanges))
        {
            await UpdateAsync("email = $email", user.Id, ("$email", $"user{user.Id}.{random.Next(1_000_000)}@example.org")).ConfigureAwait(false);
        }

        foreach (var user in Take(wave.PlanMoves))
        {
            var plan = Plans[(Plans.ToList().IndexOf(user.Plan) + 1 + random.Next(Plans.Count - 1)) % Plans.Count];
            await UpdateAsync("plan = $plan", user.Id, ("$plan", plan)).ConfigureAwait(false);
        }

        var changed = touched.ToList();
        for (var i = 0; i < wave.RepeatedEdits && changed.Count > 0; i++)
        {
            await UpdateAsync("first_name = $first", changed[random.Next(changed.Count)], ("$first", FirstNames[random.Next(FirstNames.Length)] + i)).ConfigureAwait(false);
        }

        await using (var insert = Insert(connection, transaction))
        {
            for (var i = 1; i <= wave.NewUsers; i++)
            {
                var id = maxId + i;
                await WriteAsync(insert, id, NewUser(random, id), Stamp(), cancellationToken).ConfigureAwait(false);
                touched.Add(id);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return touched.Distinct().Count();
    }

    /// <summary>Every live user as the destination should hold it: e-mail, first name, country and plan.</summary>
    public async Task<IReadOnlyList<(long Id, string Email, string FirstName, string Country, string Plan)>> LiveUsersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, email, first_name, country, plan FROM users WHERE deleted = 0 ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var users = new List<(long, string, string, string, string)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            users.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return users;
    }

    private static (string Email, string FirstName, string Country, string Plan) NewUser(Random random, long id) =>
        ($"user{id}@example.com", FirstNames[random.Next(FirstNames.Length)], Countries[random.Next(Countries.Length)], Plans[Math.Min(random.Next(10), 9) switch { < 5 => 0, < 7 => 1, < 9 => 2, _ => 3 }]);

    private static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO users (id, email, first_name, country, plan, updated_at) VALUES ($id, $email, $first, $country, $plan, $at)";
        foreach (var name in new[] { "$id", "$email", "$first", "$country", "$plan", "$at" })
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }

    private static async Task WriteAsync(SqliteCommand insert, long id, (string Email, string FirstName, string Country, string Plan) user, string at, CancellationToken cancellationToken)
    {
        insert.Parameters["$id"].Value = id;
        insert.Parameters["$email"].Value = user.Email;
        insert.Parameters["$first"].Value = user.FirstName;
        insert.Parameters["$country"].Value = user.Country;
        insert.Parameters["$plan"].Value = user.Plan;
        insert.Parameters["$at"].Value = at;
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private string Stamp(TimeSpan ago = default) => (_time.GetUtcNow() - ago).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
