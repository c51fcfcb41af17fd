using DePinGpu.Libp2p.Configuration;

namespace DePinGpu.Ipfs.Blocks;

/// <summary>Checks <see cref="BlockStoreOptions"/>; every problem names its configuration key.</summary>
public sealed class BlockStoreOptionsValidator(string section) : SectionValidator<BlockStoreOptions>(section)
{
    /// <inheritdoc />
    protected override void Check(BlockStoreOptions options, ConfigurationProblems problems)
    {
        problems.Require(!string.IsNullOrWhiteSpace(options.RootPath), nameof(options.RootPath), "must name the folder of the block store.");
        problems.Require(Enum.IsDefined(options.Fsync), nameof(options.Fsync), $"'{options.Fsync}' is not a known policy.");
        problems.RequireRange(options.MaxBlockSize, 1024, 64 * 1024 * 1024, nameof(options.MaxBlockSize));
        problems.Require(options.CapacityBytes is null or > 0, nameof(options.CapacityBytes), "must be positive (or absent for no limit).");
        problems.Require(options.RecycledFileBytes >= 0, nameof(options.RecycledFileBytes), "must not be negative (0 turns recycling off).");
    }
}
