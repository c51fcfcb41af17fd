using System.Diagnostics;
using System.Security.Cryptography;
using DePinGpu.Libp2p.Hosting;

namespace DePinGpu.Libp2p.Hosting;

/// <summary><c>/ipfs/ping/1.0.0</c>: the dialer sends 32 random bytes, the responder echoes them, repeatably.</summary>
public static class PingService
{
    /// <summary>The protocol id.</summary>
    public const string ProtocolId = "/ipfs/ping/1.0.0";

    /// <summary>Size of one ping payload.</summary>
    public const int PayloadLength = 32;

    /// <summary>Answers pings until the remote closes its side, then closes ours.</summary>
    public static async Task HandleAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var payload = new byte[PayloadLength];
        while (await ReadPayloadAsync(stream, payload, cancellationToken).ConfigureAwait(false))
        {
            await stream.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
        }

        await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one ping on a new stream and returns the round-trip time.</summary>
    public static async Task<TimeSpan> PingAsync(Libp2pConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var stream = await connection.OpenStreamAsync([ProtocolId], cancellationToken).ConfigureAwait(false);
        var payload = RandomNumberGenerator.GetBytes(PayloadLength);
        var echo = new byte[PayloadLength];
        var started = Stopwatch.GetTimestamp();
        await stream.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
        await stream.ReadExactlyAsync(echo, cancellationToken).ConfigureAwait(false);
        var roundTrip = Stopwatch.GetElapsedTime(started);
        await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
        return payload.AsSpan().SequenceEqual(echo)
            ? roundTrip
            : throw new Libp2pProtocolException($"{connection.RemotePeer} answered a ping with different bytes.");
    }

    private static async Task<bool> ReadPayloadAsync(Stream stream, byte[] payload, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(payload, PayloadLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read switch
        {
            0 => false,
            PayloadLength => true,
            _ => throw new Libp2pProtocolException($"A ping payload ended after {read} of {PayloadLength} bytes."),
        };
    }
}
