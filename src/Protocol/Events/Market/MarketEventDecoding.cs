using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using Definitions = DePinGpu.Protocol.Contracts.LeaseMarket.ContractDefinition;

namespace DePinGpu.Protocol.Events.Market;

/// <summary>Turns LeaseMarket logs into the typed events of this namespace (ABI layout as in the generated bindings).</summary>
internal static class MarketEventDecoding
{
    /// <summary>Decoders by event signature hash (topic 0).</summary>
    public static IReadOnlyDictionary<string, Func<LogEntry, ChainEvent>> ByTopic { get; } = new Dictionary<string, Func<LogEntry, ChainEvent>>(StringComparer.OrdinalIgnoreCase)
    {
        [EventTopics.Of<Definitions.CheckpointCommittedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 2);
            return new CheckpointCommitted(r.TopicUInt256(1), r.TopicUInt32(2), r.UInt64(0), r.Bytes(1), r.UInt64(2))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.FaultReportedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 3);
            return new FaultReported(r.TopicUInt256(1), r.TopicAddress(2), r.TopicAddress(3), r.UInt32(0), (LeaseReason)r.UInt16(1), r.UInt256(2), r.UInt256(3))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.LeaseAssignedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 3);
            return new LeaseAssigned(r.TopicUInt256(1), r.TopicUInt256(2), r.TopicAddress(3), r.UInt32(0), r.UInt256(1), r.UInt64(2))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.LeaseClosedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 3);
            return new LeaseClosed(r.TopicUInt256(1), r.TopicUInt256(2), r.TopicAddress(3), r.UInt32(0), (LeaseReason)r.UInt16(1), r.UInt256(2))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.LeaseCompletedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 2);
            return new LeaseCompleted(r.TopicUInt256(1), r.TopicAddress(2), r.UInt32(0), r.Bytes(1))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.LeaseReassignedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 3);
            return new LeaseReassigned(r.TopicUInt256(1), r.TopicUInt256(2), r.TopicAddress(3), r.UInt32(0), (LeaseReason)r.UInt16(1))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.LeaseReopenedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 2);
            return new LeaseReopened(r.TopicUInt256(1), r.TopicUInt256(2), r.UInt32(0), r.UInt64(1))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.LeaseSettledEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 2);
            return new LeaseSettled(r.TopicUInt256(1), r.TopicAddress(2), r.UInt32(0), r.UInt64(1), r.UInt256(2), r.UInt256(3))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.LeaseStartedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 2);
            return new LeaseStarted(r.TopicUInt256(1), r.TopicAddress(2), r.UInt32(0))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.LeaseToppedUpEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 2);
            return new LeaseToppedUp(r.TopicUInt256(1), r.TopicAddress(2), r.UInt256(0), r.UInt256(1))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.OfferEvictedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 2);
            return new OfferEvicted(r.TopicUInt256(1), r.TopicAddress(2), r.UInt256(0))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.OfferPlacedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 2);
            return new OfferPlaced(r.TopicUInt256(1), r.TopicAddress(2), r.UInt256(0), r.UInt32(1))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.OrderCancelledEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 1);
            return new OrderCancelled(r.TopicUInt256(1), r.UInt256(0))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.OrderClosedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 1);
            return new OrderClosed(r.TopicUInt256(1))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.OrderCreatedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 2);
            return new OrderCreated(r.TopicUInt256(1), r.TopicAddress(2), (OrderKind)r.UInt8(0), r.Bytes(1), r.UInt8(2), r.UInt8(3), r.UInt256(4), r.UInt64(5), r.UInt256(6))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.OrderFinalizedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 1);
            return new OrderFinalized(r.TopicUInt256(1), r.UInt256(0), r.UInt8(1), r.AddressArray(2))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.ParameterUpdatedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 1);
            return new ParameterUpdated(RevertText.Bytes32Text(r.TopicBytes32(1)), r.UInt256(0), r.UInt256(1))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.StandbyDroppedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 3);
            return new StandbyDropped(r.TopicUInt256(1), r.TopicAddress(2), r.TopicUInt256(3))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.StandbyLeftEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 2);
            return new StandbyLeft(r.TopicUInt256(1), r.TopicAddress(2))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.TreasuryUpdatedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 2);
            return new TreasuryUpdated(r.TopicAddress(1), r.TopicAddress(2))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.WithdrawnEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 1);
            return new Withdrawn(r.TopicAddress(1), r.UInt256(0))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
    };
}
