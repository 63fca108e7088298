using System.Text.Json.Serialization;

namespace Highwater.Storage.Json;

/// <summary>Source-generated serializers for the shapes stored in JSON columns.</summary>
[JsonSerializable(typeof(Dictionary<string, string?>))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class JsonColumnContext : JsonSerializerContext;
