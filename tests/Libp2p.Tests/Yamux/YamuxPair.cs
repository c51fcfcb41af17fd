using System.Buffers.Binary;
using DePinGpu.Libp2p.Tests.Noise;
using DePinGpu.Libp2p.Tests.Support;
using DePinGpu.Libp2p.Yamux;
using Microsoft.Extensions.Logging;

namespace DePinGpu.Libp2p.Tests.Yamux;

/// <summary>A client and a server session connected over in-memory pipes, or one session facing raw frames.</summary>
internal static class YamuxPair
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    public static (YamuxSession Client, YamuxSession Server) Create(YamuxOptions? options = null, long pipeThreshold = 1 << 20)
    {
        var (left, right) = InMemoryDuplex.CreatePair(pipeThreshold);
        var client = new YamuxSession(left, isClient: true, options, remoteName: "server");
        var server = new YamuxSession(right, isClient: false, options, remoteName: "client");
        client.Start();
        server.Start();
        return (client, server);
    }

    /// <summary>A client and a server session over a Noise channel (the muxer then writes through the gathering path).</summary>
    public static async Task<(YamuxSession Client, YamuxSession Server)> CreateOverNoiseAsync(YamuxOptions? options = null)
    {
        var (initiator, responder) = await NoiseTests.ConnectAsync();
        var client = new YamuxSession(initiator, isClient: true, options, remoteName: "server");
        var server = new YamuxSession(responder, isClient: false, options, remoteName: "client");
        client.Start();
        server.Start();
        return (client, server);
    }

    /// <summary>A server session plus the raw stream a test uses to play a (possibly hostile) client.</summary>
    public static (YamuxSession Server, InMemoryDuplex Raw) CreateRaw(YamuxOptions? options = null, long pipeThreshold = 1 << 20, ILogger? logger = null)
    {
        var (left, right) = InMemoryDuplex.CreatePair(pipeThreshold);
        var server = new YamuxSession(right, isClient: false, options, logger, remoteName: "raw client");
        server.Start();
        return (server, left);
    }

    public static byte[] Frame(YamuxFrameType type, YamuxFlags flags, uint streamId, uint length, byte[]? payload = null)
    {
        var frame = new byte[12 + (payload?.Length ?? 0)];
        frame[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)flags);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), streamId);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), length);
        payload?.CopyTo(frame, 12);
        return frame;
    }

    public static async Task<(YamuxFrameType Type, YamuxFlags Flags, uint StreamId, uint Length)> ReadFrameHeaderAsync(Stream raw)
    {
        var header = new byte[12];
        await raw.ReadExactlyAsync(header).AsTask().WaitAsync(TestTimeout);
        return ((YamuxFrameType)header[1], (YamuxFlags)BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)),
            BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)), BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8)));
    }

    public static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory).WaitAsync(TestTimeout);
        return memory.ToArray();
    }
}
