using DePinGpu.Libp2p.Configuration;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>Checks <see cref="GatewayClientOptions"/>; every problem names its configuration key.</summary>
public sealed class GatewayClientOptionsValidator(string section) : SectionValidator<GatewayClientOptions>(section)
{
    /// <inheritdoc />
    protected override void Check(GatewayClientOptions options, ConfigurationProblems problems) =>
        problems.RequireValid(options.Validate, string.Empty);
}
