using System.Diagnostics;
using System.Globalization;

namespace DePinGpu.TestSupport.Faults;

/// <summary>
/// A small tmpfs mounted over a store's folder (needs root with CAP_SYS_ADMIN; <see cref="TryMount"/> says why not
/// otherwise), which the test fills with a file to the last byte and frees again: a disk that really runs out (ENOSPC),
/// for the chaos suite's node stores and the focused store tests alike. Disposing unmounts it.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private const string FillerName = "chaos-filler";

    private SmallDisk(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MiB at <paramref name="path"/>; null and the reason when the machine does not allow it.</summary>
    public static (SmallDisk? Disk, string? Problem) TryMount(string path, int megabytes)
    {
        Directory.CreateDirectory(path);
        var (exitCode, error) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes.ToString(CultureInfo.InvariantCulture)}m", "chaos-store", path);
        return exitCode == 0 ? (new SmallDisk(path), null) : (null, $"mount -t tmpfs failed ({exitCode}): {error.Trim()}");
    }

    /// <summary>
    /// Fills the disk with one file until the file system refuses another byte, then gives back
    /// <paramref name="leaveFreeBytes"/> (so that a write can start and run out midway); returns the filler's length.
    /// </summary>
    public long Fill(long leaveFreeBytes = 0)
    {
        var written = FillToTheLastByte();
        if (leaveFreeBytes > 0)
        {
            written = Math.Max(0, written - leaveFreeBytes);
            using var filler = new FileStream(System.IO.Path.Combine(Path, FillerName), FileMode.Open, FileAccess.Write);
            filler.SetLength(written);
        }

        return written;
    }

    private long FillToTheLastByte()
    {
        var buffer = new byte[64 * 1024];
        long written = 0;
        using var filler = new FileStream(System.IO.Path.Combine(Path, FillerName), FileMode.Append, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                filler.Write(buffer);
                written += buffer.Length;
            }
        }
        catch (IOException)
        {
            // ENOSPC: the point. Write the last partial chunk too, byte by byte, so not even a small block fits.
            for (var size = buffer.Length / 2; size > 0; size /= 2)
            {
                try
                {
                    filler.Write(buffer, 0, size);
                    written += size;
                }
                catch (IOException)
                {
                    // That size no longer fits: try a smaller one.
                }
            }
        }

        return written;
    }

    /// <summary>Deletes the filler: the space is free again.</summary>
    public void Free() => File.Delete(System.IO.Path.Combine(Path, FillerName));

    /// <inheritdoc />
    public void Dispose() => Run("umount", "-l", Path);

    private static (int ExitCode, string Error) Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, exception.Message);
        }
    }
}
