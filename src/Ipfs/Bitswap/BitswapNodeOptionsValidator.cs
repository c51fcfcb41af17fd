using DePinGpu.Libp2p.Configuration;

namespace DePinGpu.Ipfs.Bitswap;

/// <summary>Checks <see cref="BitswapNodeOptions"/>; every problem names its configuration key.</summary>
public sealed class BitswapNodeOptionsValidator(string section) : SectionValidator<BitswapNodeOptions>(section)
{
    /// <inheritdoc />
    protected override void Check(BitswapNodeOptions options, ConfigurationProblems problems)
    {
        problems.RequireValid(options.Server.Validate, nameof(options.Server));
        problems.RequireValid(options.Client.Validate, nameof(options.Client));
        problems.RequireValid(options.Network.Validate, nameof(options.Network));
    }
}
