using System.Text;

namespace DePinGpu.Libp2p.Discovery;

/// <summary>
/// The small subset of DNS used by libp2p mDNS discovery: a PTR question for <c>_p2p._udp.local</c>, and answers made of
/// a PTR record plus TXT records holding <c>dnsaddr=&lt;multiaddr&gt;</c>. Parsing follows name compression and skips
/// every other record type; it is bounded by the packet size.
/// Hand-written on purpose: .NET has no public DNS message codec, and the NuGet mDNS/DNS libraries are unmaintained
/// or far larger than the two record types needed; this stays small enough to fuzz (see docs/architecture.md).
/// </summary>
internal static class MdnsMessage
{
    public const string ServiceName = "_p2p._udp.local";
    public const ushort TypePtr = 12;
    public const ushort TypeTxt = 16;
    private const ushort ClassInternet = 1;
    private const int MaxNameJumps = 16;

    public static byte[] EncodeQuery()
    {
        var buffer = new List<byte>();
        WriteHeader(buffer, flags: 0, questions: 1, answers: 0, additional: 0);
        WriteName(buffer, ServiceName);
        WriteUInt16(buffer, TypePtr);
        WriteUInt16(buffer, ClassInternet);
        return [.. buffer];
    }

    /// <summary>An answer announcing <paramref name="addresses"/> (text multiaddrs ending in /p2p/id) under <paramref name="instance"/>.</summary>
    public static byte[] EncodeResponse(string instance, IEnumerable<string> addresses, uint timeToLiveSeconds)
    {
        var instanceName = $"{instance}.{ServiceName}";
        var buffer = new List<byte>();
        WriteHeader(buffer, flags: 0x8400, questions: 0, answers: 1, additional: 1);
        WriteName(buffer, ServiceName);
        WriteUInt16(buffer, TypePtr);
        WriteUInt16(buffer, ClassInternet);
        WriteUInt32(buffer, timeToLiveSeconds);
        var target = new List<byte>();
        WriteName(target, instanceName);
        WriteUInt16(buffer, (ushort)target.Count);
        buffer.AddRange(target);

        WriteName(buffer, instanceName);
        WriteUInt16(buffer, TypeTxt);
        WriteUInt16(buffer, ClassInternet);
        WriteUInt32(buffer, timeToLiveSeconds);
        var text = new List<byte>();
        foreach (var address in addresses)
        {
            var entry = Encoding.UTF8.GetBytes($"dnsaddr={address}");
            if (entry.Length > 255)
            {
                throw new ArgumentException($"The address {address} is too long for a TXT string.", nameof(addresses));
            }

            text.Add((byte)entry.Length);
            text.AddRange(entry);
        }

        WriteUInt16(buffer, (ushort)text.Count);
        buffer.AddRange(text);
        return [.. buffer];
    }

    /// <summary>Reads a packet: whether it is a query for the libp2p service, and every dnsaddr TXT string in it.</summary>
    public static MdnsPacket Decode(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 12)
        {
            throw new FormatException("A DNS packet is at least 12 bytes.");
        }

        var isResponse = (packet[2] & 0x80) != 0;
        var questions = ReadUInt16(packet, 4);
        var records = ReadUInt16(packet, 6) + ReadUInt16(packet, 8) + ReadUInt16(packet, 10);
        var offset = 12;
        var asksForService = false;
        for (var index = 0; index < questions; index++)
        {
            var name = ReadName(packet, ref offset);
            var type = ReadUInt16(packet, offset);
            offset += 4;
            asksForService |= !isResponse && type == TypePtr && string.Equals(name, ServiceName, StringComparison.OrdinalIgnoreCase);
        }

        var addresses = new List<string>();
        for (var index = 0; index < records; index++)
        {
            ReadName(packet, ref offset);
            var type = ReadUInt16(packet, offset);
            var length = ReadUInt16(packet, offset + 8);
            offset += 10;
            if (offset + length > packet.Length)
            {
                throw new FormatException("A DNS record runs past the end of the packet.");
            }

            if (type == TypeTxt)
            {
                ReadDnsAddresses(packet.Slice(offset, length), addresses);
            }

            offset += length;
        }

        return new MdnsPacket(isResponse, asksForService, addresses);
    }

    private static void ReadDnsAddresses(ReadOnlySpan<byte> data, List<string> addresses)
    {
        for (var position = 0; position < data.Length;)
        {
            var length = data[position++];
            if (position + length > data.Length)
            {
                throw new FormatException("A TXT string runs past the end of its record.");
            }

            var text = Encoding.UTF8.GetString(data.Slice(position, length));
            if (text.StartsWith("dnsaddr=", StringComparison.Ordinal))
            {
                addresses.Add(text["dnsaddr=".Length..]);
            }

            position += length;
        }
    }

    private static string ReadName(ReadOnlySpan<byte> packet, ref int offset)
    {
        var labels = new List<string>();
        var position = offset;
        var jumped = false;
        for (var jumps = 0; ;)
        {
            if (position >= packet.Length)
            {
                throw new FormatException("A DNS name runs past the end of the packet.");
            }

            var length = packet[position];
            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= packet.Length || ++jumps > MaxNameJumps)
                {
                    throw new FormatException("A DNS name pointer is truncated or loops.");
                }

                if (!jumped)
                {
                    offset = position + 2;
                    jumped = true;
                }

                position = ((length & 0x3F) << 8) | packet[position + 1];
                continue;
            }

            if (length == 0)
            {
                if (!jumped)
                {
                    offset = position + 1;
                }

                return string.Join('.', labels);
            }

            if (position + 1 + length > packet.Length || labels.Count > 64)
            {
                throw new FormatException("A DNS label runs past the end of the packet.");
            }

            labels.Add(Encoding.UTF8.GetString(packet.Slice(position + 1, length)));
            position += 1 + length;
        }
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> packet, int offset) =>
        offset + 2 <= packet.Length
            ? System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(packet[offset..])
            : throw new FormatException("The DNS packet is truncated.");

    private static void WriteHeader(List<byte> buffer, ushort flags, ushort questions, ushort answers, ushort additional)
    {
        WriteUInt16(buffer, 0);
        WriteUInt16(buffer, flags);
        WriteUInt16(buffer, questions);
        WriteUInt16(buffer, answers);
        WriteUInt16(buffer, 0);
        WriteUInt16(buffer, additional);
    }

    private static void WriteName(List<byte> buffer, string name)
    {
        foreach (var label in name.Split('.'))
        {
            var bytes = Encoding.UTF8.GetBytes(label);
            if (bytes.Length is 0 or > 63)
            {
                throw new ArgumentException($"DNS label '{label}' must be 1 to 63 bytes.", nameof(name));
            }

            buffer.Add((byte)bytes.Length);
            buffer.AddRange(bytes);
        }

        buffer.Add(0);
    }

    private static void WriteUInt16(List<byte> buffer, ushort value)
    {
        buffer.Add((byte)(value >> 8));
        buffer.Add((byte)value);
    }

    private static void WriteUInt32(List<byte> buffer, uint value)
    {
        WriteUInt16(buffer, (ushort)(value >> 16));
        WriteUInt16(buffer, (ushort)value);
    }
}
