using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Ipfs.Bitswap.Messages;

/// <summary>
/// Collects entries, blocks and presences for one outgoing message while tracking its exact encoded size, so a sender
/// fills a message up to a limit and no further. Block memory handed over with an owner passes to the message on
/// <see cref="Build"/> (which sends large blocks from it without a copy), or is released on <see cref="Dispose"/>. Not thread-safe.
/// </summary>
public sealed class BitswapMessageBuilder : IDisposable
{
    private readonly List<WantlistEntry> _entries = [];
    private readonly List<BitswapBlock> _blocks = [];
    private readonly List<BlockPresence> _presences = [];
    private readonly List<IDisposable> _owners = [];
    private int _entriesLength;
    private int _otherLength;

    /// <summary>Starts an empty message limited to <paramref name="maxSize"/> encoded bytes.</summary>
    public BitswapMessageBuilder(int maxSize = BitswapMessageLimits.DefaultMaxMessageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, 16);
        MaxSize = maxSize;
    }

    /// <summary>The size limit of the encoded body.</summary>
    public int MaxSize { get; }

    /// <summary>Mark the wantlist as the sender's complete list.</summary>
    public bool FullWantlist { get; set; }

    /// <summary>The encoded body size so far.</summary>
    public int Size => WantlistFieldLength + _otherLength;

    /// <summary>Entries added.</summary>
    public int EntryCount => _entries.Count;

    /// <summary>Blocks added.</summary>
    public int BlockCount => _blocks.Count;

    /// <summary>Presences added.</summary>
    public int PresenceCount => _presences.Count;

    /// <summary>True when nothing was added and the wantlist is not marked full.</summary>
    public bool IsEmpty => _entries.Count == 0 && _blocks.Count == 0 && _presences.Count == 0 && !FullWantlist;

    private int WantlistFieldLength =>
        _entries.Count == 0 && !FullWantlist ? 0 : BitswapMessageEncoder.SizeOfWantlistField(_entriesLength, FullWantlist);

    /// <summary>Adds a wantlist entry unless the message would exceed its limit.</summary>
    public bool TryAddEntry(WantlistEntry entry)
    {
        var field = BitswapMessageEncoder.SizeOfEntryField(entry);
        var wantlist = BitswapMessageEncoder.SizeOfWantlistField(_entriesLength + field, FullWantlist);
        if (wantlist + _otherLength > MaxSize)
        {
            return false;
        }

        _entries.Add(entry);
        _entriesLength += field;
        return true;
    }

    /// <summary>Size the message would have with one more block of <paramref name="dataLength"/> bytes for <paramref name="cid"/>.</summary>
    public int SizeWithBlock(Cid cid, int dataLength) =>
        Size + BitswapMessageEncoder.SizeOfBlockField(CidPrefix.Of(cid).EncodedLength, dataLength);

    /// <summary>
    /// Adds a block unless the message would exceed its limit. When it is added, <paramref name="owner"/> (the block
    /// memory's owner, if pooled) is released with the builder; when not, the caller keeps it.
    /// </summary>
    public bool TryAddBlock(Cid cid, ReadOnlyMemory<byte> data, IDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(cid);
        var prefix = CidPrefix.Of(cid);
        var field = BitswapMessageEncoder.SizeOfBlockField(prefix.EncodedLength, data.Length);
        if (Size + field > MaxSize)
        {
            return false;
        }

        _blocks.Add(new BitswapBlock(prefix, data));
        _otherLength += field;
        if (owner is not null)
        {
            _owners.Add(owner);
        }

        return true;
    }

    /// <summary>Adds a HAVE or DONT_HAVE unless the message would exceed its limit.</summary>
    public bool TryAddPresence(Cid cid, BlockPresenceType type)
    {
        ArgumentNullException.ThrowIfNull(cid);
        var field = BitswapMessageEncoder.SizeOfPresenceField(cid, type);
        if (Size + field > MaxSize)
        {
            return false;
        }

        _presences.Add(new BlockPresence(cid, type));
        _otherLength += field;
        return true;
    }

    /// <summary>The message as a decoded-form object (block memory stays owned by the builder).</summary>
    public BitswapMessage ToMessage() => new()
    {
        Wantlist = _entries.Count == 0 && !FullWantlist ? null : new BitswapWantlist([.. _entries], FullWantlist),
        Blocks = [.. _blocks],
        BlockPresences = [.. _presences],
    };

    /// <summary>Encodes the message with its length prefix; the message takes over the block memory (dispose it once sent).</summary>
    public EncodedMessage Build()
    {
        // On success the message owns the blocks' memory until it is written; on failure Dispose releases it here.
        var message = EncodedMessage.Create(ToMessage(), [.. _owners]);
        _owners.Clear();
        return message;
    }

    public void Dispose() => ReleaseOwners();

    private void ReleaseOwners()
    {
        foreach (var owner in _owners)
        {
            owner.Dispose();
        }

        _owners.Clear();
    }
}
