using System.Numerics;
using DePinGpu.Libp2p.Identity;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.Protocol.Events;

/// <summary>
/// Reads the ABI-encoded topics and data of one log, strictly: every value must fit its Solidity type and every
/// word and dynamic part must lie inside the data. Much faster than reflection-based decoding.
/// </summary>
internal sealed class AbiLogReader
{
    private const int Word = 32;
    private const int MaxArrayLength = 1024;
    private readonly LogEntry _log;
    private readonly byte[] _data;

    public AbiLogReader(LogEntry log, int indexedCount)
    {
        _log = log;
        if (log.Topics.Count != indexedCount + 1)
        {
            throw new FormatException($"The log has {log.Topics.Count} topics; its event has {indexedCount + 1}.");
        }

        _data = Convert.FromHexString(log.Data.AsSpan(2));
    }

    public BigInteger TopicUInt256(int topic) => new(TopicBytes(topic), isUnsigned: true, isBigEndian: true);

    public uint TopicUInt32(int topic) => (uint)Small(TopicBytes(topic), 4);

    public string TopicAddress(int topic) => AddressOf(TopicBytes(topic));

    public byte[] TopicBytes32(int topic) => TopicBytes(topic).ToArray();

    public BigInteger UInt256(int word) => new(WordAt(word), isUnsigned: true, isBigEndian: true);

    public ulong UInt64(int word) => Small(WordAt(word), 8);

    public uint UInt32(int word) => (uint)Small(WordAt(word), 4);

    public ushort UInt16(int word) => (ushort)Small(WordAt(word), 2);

    public byte UInt8(int word) => (byte)Small(WordAt(word), 1);

    public string Address(int word) => AddressOf(WordAt(word));

    public byte[] Bytes(int word)
    {
        var (start, length) = Dynamic(word, elementSize: 1);
        return _data.AsSpan(start, length).ToArray();
    }

    /// <summary>A CID stored as <c>bytes</c>; null when the bytes are not a CID (the contracts check only the length).</summary>
    public Cid? Cid(int word) => ChainCid.TryRead(Bytes(word));

    /// <summary>An operator peer id stored as <c>bytes</c> (the registry derives it, so any other shape is a malformed log).</summary>
    public PeerId OperatorPeerId(int word)
    {
        try
        {
            return OperatorIdentity.PeerIdFromRegistryBytes(Bytes(word));
        }
        catch (ArgumentException exception)
        {
            throw new FormatException($"The log's peer id is malformed: {exception.Message}", exception);
        }
    }

    public string String(int word) => System.Text.Encoding.UTF8.GetString(Bytes(word));

    public IReadOnlyList<string> AddressArray(int word)
    {
        var (start, count) = Dynamic(word, elementSize: Word);
        var addresses = new string[count];
        for (var i = 0; i < count; i++)
        {
            addresses[i] = AddressOf(_data.AsSpan(start + (i * Word), Word));
        }

        return addresses;
    }

    private ReadOnlySpan<byte> TopicBytes(int topic) => Convert.FromHexString(_log.Topics[topic].AsSpan(2));

    private ReadOnlySpan<byte> WordAt(int word)
    {
        var start = (long)word * Word;
        return start + Word <= _data.Length
            ? _data.AsSpan((int)start, Word)
            : throw new FormatException($"The log data ends before word {word}.");
    }

    private (int Start, int Length) Dynamic(int word, int elementSize)
    {
        var offset = Small(WordAt(word), 4);
        if (offset % Word != 0 || offset + Word > (ulong)_data.Length)
        {
            throw new FormatException($"The dynamic value of word {word} points outside the log data.");
        }

        var count = Small(_data.AsSpan((int)offset, Word), 4);
        var start = (int)offset + Word;
        if (elementSize > 1 && count > MaxArrayLength)
        {
            throw new FormatException($"The array of word {word} claims {count} elements.");
        }

        return (ulong)start + (count * (ulong)elementSize) <= (ulong)_data.Length
            ? (start, (int)count)
            : throw new FormatException($"The dynamic value of word {word} is longer than the log data.");
    }

    private static ulong Small(ReadOnlySpan<byte> word, int bytes)
    {
        if (word[..(Word - bytes)].ContainsAnyExcept((byte)0))
        {
            throw new FormatException($"A value does not fit in {bytes * 8} bits.");
        }

        ulong value = 0;
        foreach (var b in word[(Word - bytes)..])
        {
            value = (value << 8) | b;
        }

        return value;
    }

    private static string AddressOf(ReadOnlySpan<byte> word) =>
        word[..12].ContainsAnyExcept((byte)0)
            ? throw new FormatException("An address word has non-zero upper bytes.")
            : "0x" + Convert.ToHexStringLower(word[12..]);
}
