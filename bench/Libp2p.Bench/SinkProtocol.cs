using System.Buffers.Binary;
using System.Diagnostics;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Bench;

/// <summary>The benchmark's sink protocol: the dialer streams bytes, the listener counts them and answers the count.</summary>
internal static class SinkProtocol
{
    public const string ProtocolId = "/depingpu/bench/sink/1.0.0";

    public const int ChunkSize = 64 * 1024;

    private static readonly byte[] Payload = CreatePayload();

    public static async Task HandleAsync(Libp2pStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[256 * 1024];
        long received = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            received += read;
        }

        var answer = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(answer, received);
        await stream.WriteAsync(answer, cancellationToken);
        await stream.CloseWriteAsync(cancellationToken);
    }

    /// <summary>Sends <paramref name="bytes"/> on a new sink stream and checks the count that comes back.</summary>
    public static async Task SendAsync(Libp2pHost host, PeerId peer, long bytes)
    {
        await using var stream = await host.OpenStreamAsync(peer, [ProtocolId]);
        for (long sent = 0; sent < bytes; sent += ChunkSize)
        {
            await stream.WriteAsync(Payload.AsMemory(0, (int)Math.Min(ChunkSize, bytes - sent)));
        }

        await stream.CloseWriteAsync();
        var answer = new byte[8];
        await stream.ReadExactlyAsync(answer);
        var counted = BinaryPrimitives.ReadInt64BigEndian(answer);
        if (counted != bytes)
        {
            throw new InvalidOperationException($"The sink counted {counted} bytes instead of {bytes}.");
        }
    }

    /// <summary>Sends <paramref name="totalBytes"/> split over <paramref name="streams"/> parallel streams; returns MiB/s.</summary>
    public static async Task<double> MeasureThroughputAsync(Libp2pHost host, PeerId peer, long totalBytes, int streams)
    {
        var perStream = totalBytes / streams;
        await SendAsync(host, peer, perStream); // warm-up
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, streams).Select(_ => SendAsync(host, peer, perStream)));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return perStream * streams / (1024.0 * 1024.0) / seconds;
    }

    private static byte[] CreatePayload()
    {
        var payload = new byte[ChunkSize];
        Array.Fill(payload, (byte)7);
        return payload;
    }
}
