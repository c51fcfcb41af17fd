using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Wallets;
using Nethereum.Util;
using Market = DePinGpu.Protocol.Contracts.LeaseMarket.ContractDefinition;
using Registry = DePinGpu.Protocol.Contracts.ProviderRegistry.ContractDefinition;

namespace DePinGpu.Protocol.Clients;

/// <summary>Binding DTOs to domain records (addresses checksummed, times as DateTimeOffset, enums typed).</summary>
internal static class DtoMapping
{
    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    public static string Address(string address) => address.ConvertToEthereumChecksumAddress();

    public static string? AddressOrNull(string address) =>
        string.Equals(address, ZeroAddress, StringComparison.OrdinalIgnoreCase) ? null : Address(address);

    public static ProviderDetails ToDomain(this Registry.ProviderInfo info) => new(
        Address(info.Owner),
        Address(info.Operator),
        info.PeerId is { Length: OperatorIdentity.PeerIdLength } peer ? OperatorIdentity.PeerIdFromRegistryBytes(peer) : null,
        info.GpuModel,
        info.GpuCount,
        info.VramGb,
        ChainCid.TryRead(info.MetadataCid),
        info.Stake,
        info.LockedStake,
        info.UnbondingStake,
        ChainTime.At(info.RegisteredAt),
        ChainTime.At(info.LastHeartbeat),
        info.Jailed,
        ChainTime.At(info.JailedUntil));

    public static RegistryParameters ToDomain(this Registry.RegistryParameters p) => new(
        p.MinStakePerGpu, ChainTime.Span(p.UnbondingPeriod), ChainTime.Span(p.JailPeriod), ChainTime.Span(p.HeartbeatInterval), ChainTime.Span(p.HeartbeatTimeout));

    public static MarketParameters ToDomain(this Market.MarketParameters p) => new(
        ChainTime.Span(p.StartDeadline), p.MinPrepaidSeconds, p.SlashBps, p.MinorSlashBps, p.FinderFeeBps, p.ProtocolFeeBps, Address(p.Treasury));

    public static OrderDetails ToDomain(this Market.OrderInfo o) => new(
        o.OrderId, Address(o.Tenant), (OrderKind)o.Kind, (OrderState)o.State, ChainCid.TryRead(o.SpecCid), o.GpuModel, o.MinVramGb, o.GpusPerReplica,
        o.Replicas, o.Standbys, o.MaxPricePerSecond, ChainTime.Span(o.MaxDuration), ChainTime.Span(o.BidWindow), ChainTime.At(o.CreatedAt),
        ChainTime.At(o.BidDeadline), o.Escrow, o.StakePerPosition, o.OfferCount, o.FirstLeaseId, o.LeaseCount, o.OpenLeases, o.StandbysRemaining);

    public static LeaseDetails ToDomain(this Market.LeaseInfo l) => new(
        l.LeaseId, l.OrderId, l.Slot, (OrderKind)l.Kind, (LeaseState)l.State, AddressOrNull(l.Provider), l.Epoch, l.PricePerSecond,
        ChainTime.At(l.AssignedAt), ChainTime.AtOrNull(l.AckDeadline), ChainTime.At(l.StartedAt), ChainTime.At(l.SettledUntil),
        ChainTime.At(l.EndsAt), ChainTime.AtOrNull(l.ReassignDeadline), l.Escrow,
        l.CheckpointDigest is { } digest && digest.Any(b => b != 0) ? digest : null, l.CheckpointStep, ChainTime.At(l.CheckpointAt),
        (LeaseReason)l.CloseReason);
}
