using System.Globalization;

namespace Highwater.Storage.Migrations;

/// <summary>
/// Loads a provider's numbered scripts, embedded as <c>{Provider}/Migrations/NNNN_name.sql</c>,
/// and checks they run 1, 2, 3... without a gap or a repeat.
/// </summary>
internal static class MigrationScripts
{
    public static IReadOnlyList<Migration> Load(string provider)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var prefix = $"Highwater.Storage.{provider}.Migrations.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..^".sql".Length];
            var separator = name.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(name.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, name, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"{provider} migrations must be numbered 1, 2, 3... without gaps; found {migrations[i].Name} at position {i + 1}.");
            }
        }

        return migrations;
    }

    /// <summary>The error for a database that a newer Highwater migrated: running on it could damage it.</summary>
    public static InvalidOperationException TooNew(int found, int known) =>
        new($"The buffer database is at schema version {found}, but this Highwater knows versions up to {known}: upgrade Highwater before using this database.");
}
