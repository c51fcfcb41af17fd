namespace DePinGpu.Protocol.Clients;

/// <summary>The market's parameters.</summary>
/// <param name="StartDeadline">Time a newly assigned provider has to acknowledge.</param>
/// <param name="MinPrepaidSeconds">Seconds of every replica at max price the escrow must cover at order time.</param>
/// <param name="SlashBps">Slash on a missed heartbeat, in basis points of the position stake.</param>
/// <param name="MinorSlashBps">Slash on release or start timeout.</param>
/// <param name="FinderFeeBps">Part of a slash paid to the reporter.</param>
/// <param name="ProtocolFeeBps">Fee on every settlement.</param>
/// <param name="Treasury">Receiver of protocol fees.</param>
public sealed record MarketParameters(
    TimeSpan StartDeadline,
    ulong MinPrepaidSeconds,
    ushort SlashBps,
    ushort MinorSlashBps,
    ushort FinderFeeBps,
    ushort ProtocolFeeBps,
    string Treasury);
