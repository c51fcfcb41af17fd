using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace DePinGpu.Ipfs.Bench.Bitswap;

/// <summary>
/// The practical limit for moving a checkpoint between two processes' worth of code on one machine: a plain loopback
/// TCP copy of the same bytes in which the receiver checks the SHA-256 of every 256 KiB block against the expected
/// digests (what a verified transfer cannot avoid). No encryption, no framing, no storage.
/// </summary>
internal sealed class TcpVerifiedCopy(byte[] content)
{
    public const int BlockSize = 262144;

    private readonly byte[][] _digests = Digests(content);

    /// <summary>The SHA-256 of each 256 KiB block of the content, in order.</summary>
    public IReadOnlyList<byte[]> BlockDigests => _digests;

    public async Task RunAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var send = SendAsync(listener);
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, port);
        await using var stream = client.GetStream();
        await ReceiveVerifiedAsync(stream, content.Length, _digests);
        await send;
    }

    /// <summary>Reads <paramref name="length"/> bytes in 256 KiB blocks, checking each block's SHA-256.</summary>
    public static async Task ReceiveVerifiedAsync(Stream stream, long length, IReadOnlyList<byte[]> digests)
    {
        var block = new byte[BlockSize];
        var digest = new byte[32];
        for (var index = 0; index < digests.Count; index++)
        {
            var size = (int)Math.Min(BlockSize, length - ((long)index * BlockSize));
            await stream.ReadExactlyAsync(block.AsMemory(0, size));
            SHA256.HashData(block.AsSpan(0, size), digest);
            if (!digest.AsSpan().SequenceEqual(digests[index]))
            {
                throw new InvalidDataException($"Block {index} arrived corrupted.");
            }
        }
    }

    private async Task SendAsync(TcpListener listener)
    {
        using var server = await listener.AcceptTcpClientAsync();
        server.NoDelay = true;
        await using var stream = server.GetStream();
        for (var offset = 0; offset < content.Length; offset += BlockSize)
        {
            await stream.WriteAsync(content.AsMemory(offset, Math.Min(BlockSize, content.Length - offset)));
        }
    }

    private static byte[][] Digests(byte[] content)
    {
        var digests = new byte[(content.Length + BlockSize - 1) / BlockSize][];
        for (var index = 0; index < digests.Length; index++)
        {
            digests[index] = SHA256.HashData(content.AsSpan(index * BlockSize, Math.Min(BlockSize, content.Length - (index * BlockSize))));
        }

        return digests;
    }
}
