using DePinGpu.Ipfs.Blocks;

namespace DePinGpu.Ipfs.Tests.Blocks;

/// <summary>The configuration validator of the block store: each bad setting named by its full key, each bound exact.</summary>
public sealed class BlockStoreOptionsValidatorTests
{
    private static readonly BlockStoreOptions Valid = new() { RootPath = "/var/lib/depingpu/blocks" };

    public static TheoryData<BlockStoreOptions, string> Invalid => new()
    {
        { Valid with { RootPath = " " }, "Ipfs:Blocks:RootPath must name the folder of the block store." },
        { Valid with { Fsync = (FsyncPolicy)99 }, "Ipfs:Blocks:Fsync '99' is not a known policy." },
        { Valid with { MaxBlockSize = 1023 }, "Ipfs:Blocks:MaxBlockSize must be between 1024 and 67108864 (is 1023)." },
        { Valid with { MaxBlockSize = 67108865 }, "Ipfs:Blocks:MaxBlockSize must be between 1024 and 67108864 (is 67108865)." },
        { Valid with { CapacityBytes = 0 }, "Ipfs:Blocks:CapacityBytes must be positive (or absent for no limit)." },
        { Valid with { RecycledFileBytes = -1 }, "Ipfs:Blocks:RecycledFileBytes must not be negative (0 turns recycling off)." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void OneBadSetting_IsTheOnlyProblem_NamedByItsKey(BlockStoreOptions options, string expected)
    {
        var result = new BlockStoreOptionsValidator("Ipfs:Blocks").Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal([expected], result.Failures);
    }

    [Fact]
    public void SettingsAtTheirBounds_AreAccepted()
    {
        var validator = new BlockStoreOptionsValidator("Ipfs:Blocks");

        Assert.True(validator.Validate(null, Valid with { MaxBlockSize = 1024, CapacityBytes = 1, RecycledFileBytes = 0 }).Succeeded);
        Assert.True(validator.Validate(null, Valid with { MaxBlockSize = 67108864, CapacityBytes = null, Fsync = FsyncPolicy.None }).Succeeded);
        Assert.True(validator.Validate(null, Valid with { Fsync = FsyncPolicy.PerBlock }).Succeeded);
    }

    [Fact]
    public void EveryBadSetting_IsReported()
    {
        var options = new BlockStoreOptions { MaxBlockSize = 1, CapacityBytes = -5, RecycledFileBytes = -1, Fsync = (FsyncPolicy)7 };

        var result = new BlockStoreOptionsValidator("Blocks").Validate(null, options);

        Assert.Equal(
            ["Blocks:RootPath", "Blocks:Fsync", "Blocks:MaxBlockSize", "Blocks:CapacityBytes", "Blocks:RecycledFileBytes"],
            result.Failures!.Select(failure => failure[..failure.IndexOf(' ', StringComparison.Ordinal)]));
    }
}
