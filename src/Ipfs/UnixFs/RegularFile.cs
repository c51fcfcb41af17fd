using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DePinGpu.Ipfs.UnixFs;

/// <summary>
/// Opens a file for import only if it is a regular file. Checkpoint folders are written by untrusted workloads: a FIFO
/// would block a plain open forever and a device node could be read without end, so on Linux the file is opened
/// non-blocking and its type checked with <c>statx</c> on the open descriptor (no race with a rename) before any read.
/// </summary>
internal static class RegularFile
{
    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int NoSuchFile = 2;
    private const int EmptyPath = 0x1000;
    private const uint TypeMask = 0x1;
    private const int ModeOffset = 28;
    private const int FileTypeBits = 0xF000;
    private const int RegularFileType = 0x8000;

    public static SafeFileHandle OpenForImport(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        }

        var descriptor = Open(path, ReadOnly | NonBlocking | CloseOnExec);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw error == NoSuchFile
                ? new FileNotFoundException($"{path} disappeared during the import.", path)
                : new IOException($"Cannot open {path} for import (errno {error}).");
        }

        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        if (!IsRegular(descriptor))
        {
            handle.Dispose();
            throw new ImportRefusedException(path, $"{path} is not a regular file (a FIFO, socket or device); only regular files are imported.");
        }

        return handle;
    }

    private static bool IsRegular(int descriptor)
    {
        // struct statx has the same layout on every Linux architecture; stx_mode is the u16 at offset 28.
        var buffer = new byte[256];
        if (Statx(descriptor, string.Empty, EmptyPath, TypeMask, buffer) != 0)
        {
            throw new IOException($"statx failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        return (BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset)) & FileTypeBits) == RegularFileType;
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
