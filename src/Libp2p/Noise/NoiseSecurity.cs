using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Noise;

/// <summary>Secures a raw connection with Noise XX (<c>/noise</c>), in the role of dialer or listener.</summary>
public static class NoiseSecurity
{
    /// <summary>The multistream protocol id.</summary>
    public const string ProtocolId = "/noise";

    /// <summary>
    /// Runs the handshake as initiator. When <paramref name="expectedRemote"/> is set, a remote that authenticates
    /// as another peer fails with <see cref="Libp2pProtocolException"/>. <paramref name="streamMuxers"/> is sent
    /// for early muxer negotiation (empty: negotiate the muxer with multistream-select afterwards).
    /// </summary>
    public static async Task<NoiseSecureStream> SecureOutboundAsync(
        Stream transport,
        PrivateKey identity,
        PeerId? expectedRemote,
        IReadOnlyList<string> streamMuxers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(identity);
        using var handshake = new NoiseHandshake(transport, identity, streamMuxers ?? []);
        return await handshake.InitiateAsync(expectedRemote, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the handshake as responder.</summary>
    public static async Task<NoiseSecureStream> SecureInboundAsync(
        Stream transport,
        PrivateKey identity,
        IReadOnlyList<string> streamMuxers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(identity);
        using var handshake = new NoiseHandshake(transport, identity, streamMuxers ?? []);
        return await handshake.RespondAsync(cancellationToken).ConfigureAwait(false);
    }
}
