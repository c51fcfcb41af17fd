using System.Collections.Concurrent;
using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.PubSub;

/// <summary>
/// Remembers authors whose <c>from</c> and <c>key</c> were already parsed and matched, so a busy topic does not
/// decompress the same public key for every message. Bounded: it is cleared when it grows past its capacity.
/// </summary>
internal static class AuthorKeyCache
{
    private const int Capacity = 4096;
    private static readonly ConcurrentDictionary<MessageId, (PeerId Author, PublicKey Key)> Entries = new();

    public static bool TryGet(byte[] from, byte[]? key, out PeerId author, out PublicKey publicKey)
    {
        if (Entries.TryGetValue(CacheKey(from, key), out var entry))
        {
            (author, publicKey) = entry;
            return true;
        }

        author = null!;
        publicKey = null!;
        return false;
    }

    public static void Add(byte[] from, byte[]? key, PeerId author, PublicKey publicKey)
    {
        if (Entries.Count >= Capacity)
        {
            Entries.Clear();
        }

        Entries[CacheKey(from, key)] = (author, publicKey);
    }

    private static MessageId CacheKey(byte[] from, byte[]? key)
    {
        var bytes = new byte[4 + from.Length + (key?.Length ?? 0)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, from.Length);
        from.CopyTo(bytes, 4);
        key?.CopyTo(bytes, 4 + from.Length);
        return MessageId.FromOwnedArray(bytes);
    }
}
