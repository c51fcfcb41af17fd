namespace DePinGpu.Libp2p.Discovery;

/// <summary>What libp2p discovery needs from one mDNS packet.</summary>
/// <param name="IsResponse">True for an answer.</param>
/// <param name="AsksForService">True for a query for <c>_p2p._udp.local</c> PTR records.</param>
/// <param name="Addresses">Text multiaddrs from <c>dnsaddr=</c> TXT strings.</param>
internal sealed record MdnsPacket(bool IsResponse, bool AsksForService, IReadOnlyList<string> Addresses);
