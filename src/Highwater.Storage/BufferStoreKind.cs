namespace Highwater.Storage;

/// <summary>The two buffer implementations.</summary>
internal enum BufferStoreKind
{
    Sqlite,
    Postgres,
}
