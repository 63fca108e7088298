using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Highwater.Simulators.Pardot;

/// <summary>
/// One API request as the endpoints read it: the method, the path under <c>/api</c>, the
/// parameters of the query and of a form body (url-encoded or multipart, as the recorded
/// batchUpsert sends <c>prospects</c>), uploaded files, and a JSON body.
/// </summary>
internal sealed class PardotRequest
{
    private readonly Dictionary<string, StringValues> _parameters;

    private PardotRequest(string method, string path, Dictionary<string, StringValues> parameters, IReadOnlyList<(string Name, byte[] Content)> files, string? json)
    {
        Method = method;
        Path = path;
        _parameters = parameters;
        Files = files;
        Json = json;
    }

    public string Method { get; }

    /// <summary>The path after <c>/api</c>, e.g. <c>/prospect/version/4/do/batchUpsert</c>.</summary>
    public string Path { get; }

    public IReadOnlyList<(string Name, byte[] Content)> Files { get; }

    /// <summary>The body when it is not a form (v5 sends JSON).</summary>
    public string? Json { get; }

    public bool IsV5 => Path.StartsWith("/v5/", StringComparison.Ordinal);

    public string? Param(string name) => _parameters.TryGetValue(name, out var value) ? value.ToString() : null;

    public static async Task<PardotRequest> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        var parameters = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (key, value) in http.Query)
        {
            parameters[key] = value;
        }

        var files = new List<(string, byte[])>();
        string? json = null;
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(ct);
            foreach (var (key, value) in form)
            {
                parameters[key] = value;
            }

            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                files.Add((file.Name, buffer.ToArray()));
            }
        }
        else if (http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(http.Body);
            json = await reader.ReadToEndAsync(ct);
        }

        var path = http.Path.Value ?? "";
        return new PardotRequest(http.Method, path.StartsWith("/api", StringComparison.Ordinal) ? path[4..] : path, parameters, files, json);
    }
}
