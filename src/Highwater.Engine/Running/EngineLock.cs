using System.Security.Cryptography;
using System.Text;

namespace Highwater.Engine.Running;

/// <summary>
/// One process per worker name: a restarted worker takes back the leases it held, which is only
/// safe when no other process runs under the same name. Held by an open, unshared lock file.
/// </summary>
internal sealed class EngineLock : IDisposable
{
    private readonly FileStream _file;

    private EngineLock(FileStream file) => _file = file;

    public static EngineLock Acquire(string worker)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(worker)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"highwater-{hash}.lock");
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            file.SetLength(0);
            var pid = Encoding.UTF8.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            file.Write(pid);
            file.Flush();
            return new EngineLock(file);
        }
        catch (IOException ex)
        {
            var holder = ReadHolder(path);
            throw new EngineBusyException(
                $"another highwater process{holder} is already syncing this configuration (worker '{worker}'); stop it first, or give this one its own worker name",
                ex);
        }
    }

    public void Dispose() => _file.Dispose();

    private static string ReadHolder(string path)
    {
        try
        {
            using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var text = new StreamReader(reader);
            var pid = text.ReadToEnd().Trim();
            return pid.Length > 0 ? $" (pid {pid})" : "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}

/// <summary>Another process already runs as this worker.</summary>
public sealed class EngineBusyException(string message, Exception inner) : Exception(message, inner);
