using System.Text.Json.Serialization;

namespace Highwater.Storage.Json;

/// <summary>Source-generated serializers for the shapes stored in JSON columns.</summary>
[JsonSerializable(typeof(Dictionary<string, string?>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Highwater.Storage.Marks.MarkHealth))]
internal sealed partial class JsonColumnContext : JsonSerializerContext;
