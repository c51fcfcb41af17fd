using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using Definitions = DePinGpu.Protocol.Contracts.LeaseMarket.ContractDefinition;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>Turns LeaseMarket logs into the typed events of this namespace.</summary>
internal static class MarketEventDecoding
{
    /// <summary>Decoders by event signature hash (topic 0).</summary>
    public static IReadOnlyDictionary<string, Func<LogEntry, ChainEvent>> ByTopic { get; } = new Dictionary<string, Func<LogEntry, ChainEvent>>(StringComparer.OrdinalIgnoreCase)
    {
        [EventTopics.Of<Definitions.CheckpointCommittedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.CheckpointCommittedEventDTO>(log);
            return new CheckpointCommitted(dto.LeaseId, dto.Epoch, dto.Step, dto.Cid, dto.SizeBytes) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.FaultReportedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.FaultReportedEventDTO>(log);
            return new FaultReported(dto.LeaseId, dto.Provider.ToLowerInvariant(), dto.Reporter.ToLowerInvariant(), dto.Epoch, (LeaseReason)dto.Reason, dto.Slashed, dto.FinderFee) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.LeaseAssignedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.LeaseAssignedEventDTO>(log);
            return new LeaseAssigned(dto.LeaseId, dto.OrderId, dto.Provider.ToLowerInvariant(), dto.Epoch, dto.PricePerSecond, dto.AckDeadline) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.LeaseClosedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.LeaseClosedEventDTO>(log);
            return new LeaseClosed(dto.LeaseId, dto.OrderId, dto.Provider.ToLowerInvariant(), dto.Epoch, (LeaseReason)dto.Reason, dto.Refund) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.LeaseCompletedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.LeaseCompletedEventDTO>(log);
            return new LeaseCompleted(dto.LeaseId, dto.Provider.ToLowerInvariant(), dto.Epoch, dto.ResultCid) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.LeaseReassignedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.LeaseReassignedEventDTO>(log);
            return new LeaseReassigned(dto.LeaseId, dto.OrderId, dto.PreviousProvider.ToLowerInvariant(), dto.NewEpoch, (LeaseReason)dto.Reason) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.LeaseReopenedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.LeaseReopenedEventDTO>(log);
            return new LeaseReopened(dto.LeaseId, dto.OrderId, dto.Epoch, dto.OfferDeadline) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.LeaseSettledEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.LeaseSettledEventDTO>(log);
            return new LeaseSettled(dto.LeaseId, dto.Provider.ToLowerInvariant(), dto.Epoch, dto.SettledUntil, dto.ProviderAmount, dto.ProtocolFee) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.LeaseStartedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.LeaseStartedEventDTO>(log);
            return new LeaseStarted(dto.LeaseId, dto.Provider.ToLowerInvariant(), dto.Epoch) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.LeaseToppedUpEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.LeaseToppedUpEventDTO>(log);
            return new LeaseToppedUp(dto.LeaseId, dto.Payer.ToLowerInvariant(), dto.Amount, dto.Escrow) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.OfferEvictedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.OfferEvictedEventDTO>(log);
            return new OfferEvicted(dto.OrderId, dto.Provider.ToLowerInvariant(), dto.PricePerSecond) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.OfferPlacedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.OfferPlacedEventDTO>(log);
            return new OfferPlaced(dto.OrderId, dto.Provider.ToLowerInvariant(), dto.PricePerSecond, dto.Sequence) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.OrderCancelledEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.OrderCancelledEventDTO>(log);
            return new OrderCancelled(dto.OrderId, dto.Refund) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.OrderClosedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.OrderClosedEventDTO>(log);
            return new OrderClosed(dto.OrderId) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.OrderCreatedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.OrderCreatedEventDTO>(log);
            return new OrderCreated(dto.OrderId, dto.Tenant.ToLowerInvariant(), (OrderKind)dto.Kind, dto.SpecCid, dto.Replicas, dto.Standbys, dto.MaxPricePerSecond, dto.BidDeadline, dto.Escrow) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.OrderFinalizedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.OrderFinalizedEventDTO>(log);
            return new OrderFinalized(dto.OrderId, dto.FirstLeaseId, dto.LeaseCount, dto.Standbys.Select(a => a.ToLowerInvariant()).ToArray()) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.ParameterUpdatedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.ParameterUpdatedEventDTO>(log);
            return new ParameterUpdated(RevertText.Bytes32Text(dto.Name), dto.PreviousValue, dto.NewValue) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.StandbyDroppedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.StandbyDroppedEventDTO>(log);
            return new StandbyDropped(dto.OrderId, dto.Provider.ToLowerInvariant(), dto.LeaseId) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.StandbyLeftEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.StandbyLeftEventDTO>(log);
            return new StandbyLeft(dto.OrderId, dto.Provider.ToLowerInvariant()) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.TreasuryUpdatedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.TreasuryUpdatedEventDTO>(log);
            return new TreasuryUpdated(dto.PreviousTreasury.ToLowerInvariant(), dto.NewTreasury.ToLowerInvariant()) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.WithdrawnEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.WithdrawnEventDTO>(log);
            return new Withdrawn(dto.Account.ToLowerInvariant(), dto.Amount) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
    };
}
