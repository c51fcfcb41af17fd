using DePinGpu.Ipfs.Blocks;
using DePinGpu.Ipfs.Tests.Support;

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
    public void SyncFileSystem_Succeeds()
    {
        using var file = File.Create(_folder.Combine("handle"));

        NativeFileSystem.SyncFileSystem(file.SafeFileHandle);
    }
}
