namespace Highwater.Engine.Configuration;

/// <summary>The buffer store: a SQLite file (the default) or a PostgreSQL database.</summary>
/// <param name="Kind"><c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="Connection">The SQLite path, or the PostgreSQL connection (a secret reference).</param>
public sealed record StoreConfig(string Kind, SecretValue Connection);
