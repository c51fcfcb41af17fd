using DePinGpu.Libp2p.Configuration;

namespace DePinGpu.Libp2p.PubSub;

/// <summary>Checks <see cref="GossipSubServiceOptions"/>; every problem names its configuration key.</summary>
public sealed class GossipSubServiceOptionsValidator(string section) : SectionValidator<GossipSubServiceOptions>(section)
{
    /// <inheritdoc />
    protected override void Check(GossipSubServiceOptions options, ConfigurationProblems problems)
    {
        problems.RequireValid(options.Router.Validate, nameof(options.Router));
        problems.RequireRange(options.MaxFrameLength, 1024, 64 * 1024 * 1024, nameof(options.MaxFrameLength));
        problems.RequireRange(options.OutboxCapacity, 1, 10_000_000, nameof(options.OutboxCapacity));
        for (var index = 0; index < options.DirectPeers.Count; index++)
        {
            var address = options.DirectPeers[index];
            problems.Require(address?.PeerId is not null, $"{nameof(options.DirectPeers)}:{index}", $"'{address}' does not end in /p2p/<peer id>.");
        }
    }
}
