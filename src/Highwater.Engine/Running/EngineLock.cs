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
    private readonly string _pidPath;

    private EngineLock(FileStream file, string pidPath)
    {
        _file = file;
        _pidPath = pidPath;
    }

    public static EngineLock Acquire(string worker)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(worker)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"highwater-{hash}.lock");

        // The holder's pid goes in a file of its own: the lock file cannot be read while it is held.
        var pidPath = Path.ChangeExtension(path, ".pid");
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException ex)
        {
            // The fixes offered are ones that exist: the other process ends (a sync does by itself; a
            // run stops on SIGTERM or Ctrl+C, letting its batch finish), and status reads beside it.
            var pid = ReadHolder(pidPath);
            var stop = pid is null ? "stop it (SIGTERM or Ctrl+C lets its batch finish)" : $"stop it (kill {pid}: SIGTERM lets its batch finish)";
            throw new EngineBusyException(
                $"another highwater process{(pid is null ? "" : $" (pid {pid})")} is already syncing this configuration; wait for it to finish or {stop}, then run this again; `highwater status` works beside it",
                ex);
        }

        try
        {
            File.WriteAllText(pidPath, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only the busy message's pid is lost.
        }

        return new EngineLock(file, pidPath);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_pidPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stale pid file is overwritten by the next holder.
        }

        _file.Dispose();
    }

    private static string? ReadHolder(string pidPath)
    {
        try
        {
            var pid = File.ReadAllText(pidPath).Trim();
            return pid.Length > 0 && pid.All(char.IsAsciiDigit) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>Another process already runs as this worker.</summary>
public sealed class EngineBusyException(string message, Exception inner) : Exception(message, inner);
