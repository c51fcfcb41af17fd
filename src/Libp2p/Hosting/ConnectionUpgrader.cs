using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multistream;
using DePinGpu.Libp2p.Noise;
using DePinGpu.Libp2p.Yamux;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>Upgrades a raw TCP stream: multistream <c>/noise</c>, Noise XX, then Yamux (early or via multistream).</summary>
internal static class ConnectionUpgrader
{
    public static async Task<NoiseSecureStream> UpgradeOutboundAsync(Stream raw, PrivateKey identity, PeerId? expectedRemote, bool earlyMuxer, CancellationToken cancellationToken)
    {
        _ = await MultistreamSelect.SelectAsync(raw, [NoiseSecurity.ProtocolId], cancellationToken).ConfigureAwait(false)
            ?? throw new MultistreamRefusedException([NoiseSecurity.ProtocolId]);
        var localMuxers = LocalMuxers(earlyMuxer);
        var secure = await NoiseSecurity.SecureOutboundAsync(raw, identity, expectedRemote, localMuxers, cancellationToken).ConfigureAwait(false);
        if (!UseEarlyMuxer(localMuxers, secure.RemoteStreamMuxers))
        {
            _ = await MultistreamSelect.SelectAsync(secure, [YamuxSession.ProtocolId], cancellationToken).ConfigureAwait(false)
                ?? throw new MultistreamRefusedException([YamuxSession.ProtocolId]);
        }

        return secure;
    }

    public static async Task<NoiseSecureStream> UpgradeInboundAsync(Stream raw, PrivateKey identity, bool earlyMuxer, CancellationToken cancellationToken)
    {
        await MultistreamSelect.HandleAsync(raw, protocol => protocol == NoiseSecurity.ProtocolId, () => [NoiseSecurity.ProtocolId], cancellationToken)
            .ConfigureAwait(false);
        var localMuxers = LocalMuxers(earlyMuxer);
        var secure = await NoiseSecurity.SecureInboundAsync(raw, identity, localMuxers, cancellationToken).ConfigureAwait(false);
        if (!UseEarlyMuxer(localMuxers, secure.RemoteStreamMuxers))
        {
            await MultistreamSelect.HandleAsync(secure, protocol => protocol == YamuxSession.ProtocolId, () => [YamuxSession.ProtocolId], cancellationToken)
                .ConfigureAwait(false);
        }

        return secure;
    }

    private static IReadOnlyList<string> LocalMuxers(bool earlyMuxer) => earlyMuxer ? [YamuxSession.ProtocolId] : [];

    /// <summary>Early negotiation applies when both sides listed muxers; js then picks from the remote's list.</summary>
    private static bool UseEarlyMuxer(IReadOnlyList<string> local, IReadOnlyList<string> remote)
    {
        if (local.Count == 0 || remote.Count == 0)
        {
            return false;
        }

        return remote.Contains(YamuxSession.ProtocolId, StringComparer.Ordinal)
            ? true
            : throw new Libp2pProtocolException($"The remote offered only {string.Join(", ", remote)} as stream muxers; {YamuxSession.ProtocolId} is required.");
    }
}
