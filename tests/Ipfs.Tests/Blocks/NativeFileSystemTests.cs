using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;
using Microsoft.Win32.SafeHandles;

namespace DePinGpu.Ipfs.Tests.Blocks;

public sealed class NativeFileSystemTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void RenameNoReplace_MovesOnce_ThenReportsTheExistingDestination()
    {
        File.WriteAllText(_folder.Combine("first"), "1");
        File.WriteAllText(_folder.Combine("second"), "2");

        var moved = NativeFileSystem.TryRenameNoReplace(_folder.Combine("first"), _folder.Combine("target"));
        var refused = NativeFileSystem.TryRenameNoReplace(_folder.Combine("second"), _folder.Combine("target"));

        Assert.Equal(NativeFileSystem.RenameOutcome.Renamed, moved);
        Assert.Equal(NativeFileSystem.RenameOutcome.DestinationExists, refused);
        Assert.Equal("1", File.ReadAllText(_folder.Combine("target")));
        Assert.True(File.Exists(_folder.Combine("second")));
    }

    [Fact]
    public void FsyncDirectory_SucceedsForAFolderAndFailsClearlyForAMissingOne()
    {
        NativeFileSystem.FsyncDirectory(_folder.Path);

        var exception = Assert.Throws<IOException>(() => NativeFileSystem.FsyncDirectory(_folder.Combine("missing")));
        Assert.Contains("missing", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyncFileSystem_CallsTheKernel_AndReportsItsRefusal()
    {
        // Durability itself cannot be observed without pulling the power; what can be is that the call reaches syncfs(2)
        // on the handle's descriptor and that a refusal surfaces instead of passing for a flushed disk.
        using var file = File.Create(_folder.Combine("handle"));
        file.Write(new byte[4096]);
        file.Flush();
        using var closedDescriptor = new SafeFileHandle(int.MaxValue, ownsHandle: false);

        NativeFileSystem.SyncFileSystem(file.SafeFileHandle);
        var refusal = Assert.Throws<IOException>(() => NativeFileSystem.SyncFileSystem(closedDescriptor));

        Assert.Contains("errno 9", refusal.Message, StringComparison.Ordinal); // EBADF: syncfs ran on that very descriptor
        Assert.Equal(4096, new FileInfo(_folder.Combine("handle")).Length);
    }

    [Fact]
    public void RenameNoReplace_OfAMissingSource_IsNotMistakenForAnExistingDestination()
    {
        // ENOENT is neither success nor EEXIST: the writer then falls back to File.Move, which reports the real error.
        var outcome = NativeFileSystem.TryRenameNoReplace(_folder.Combine("absent"), _folder.Combine("target"));

        Assert.Equal(NativeFileSystem.RenameOutcome.Unsupported, outcome);
        Assert.False(File.Exists(_folder.Combine("target")));
    }

    [Fact]
    public void FsyncDirectory_OfARegularFile_IsRefused()
    {
        // O_DIRECTORY: the call is for folders; a file path is a caller's mistake, not something to flush quietly.
        File.WriteAllText(_folder.Combine("plain"), "x");

        var exception = Assert.Throws<IOException>(() => NativeFileSystem.FsyncDirectory(_folder.Combine("plain")));

        Assert.Contains("errno 20", exception.Message, StringComparison.Ordinal); // ENOTDIR
    }
}
