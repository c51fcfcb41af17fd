using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Rpc;
using Definitions = DePinGpu.Protocol.Contracts.ProviderRegistry.ContractDefinition;

namespace DePinGpu.Protocol.Events.Registry;

/// <summary>Turns ProviderRegistry logs into the typed events of this namespace (ABI layout as in the generated bindings).</summary>
internal static class RegistryEventDecoding
{
    /// <summary>Decoders by event signature hash (topic 0).</summary>
    public static IReadOnlyDictionary<string, Func<LogEntry, ChainEvent>> ByTopic { get; } = new Dictionary<string, Func<LogEntry, ChainEvent>>(StringComparer.OrdinalIgnoreCase)
    {
        [EventTopics.Of<Definitions.HeartbeatRecordedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 1);
            return new HeartbeatRecorded(r.TopicAddress(1))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.MetadataUpdatedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 1);
            return new MetadataUpdated(r.TopicAddress(1), r.Cid(0))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.OperatorChangedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 3);
            return new OperatorChanged(r.TopicAddress(1), r.TopicAddress(2), r.TopicAddress(3), r.OperatorPeerId(0))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.ParameterUpdatedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 1);
            return new RegistryParameterUpdated(RevertText.Bytes32Text(r.TopicBytes32(1)), r.UInt256(0), r.UInt256(1))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.ProviderJailedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 1);
            return new ProviderJailed(r.TopicAddress(1), r.UInt64(0))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.ProviderRegisteredEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 2);
            return new ProviderRegistered(r.TopicAddress(1), r.TopicAddress(2), r.OperatorPeerId(0), r.String(1), r.UInt32(2), r.UInt32(3), r.Cid(4), r.UInt256(5))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.ProviderSlashedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 2);
            return new ProviderSlashed(r.TopicAddress(1), r.UInt256(0), r.UInt256(1), r.TopicAddress(2))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.ProviderUnjailedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 1);
            return new ProviderUnjailed(r.TopicAddress(1))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.StakeAddedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 1);
            return new StakeAdded(r.TopicAddress(1), r.UInt256(0), r.UInt256(1))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.StakeLockedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 1);
            return new StakeLocked(r.TopicAddress(1), r.UInt256(0), r.UInt256(1))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.StakeUnlockedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 1);
            return new StakeUnlocked(r.TopicAddress(1), r.UInt256(0), r.UInt256(1))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.UnbondRequestedEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 1);
            return new UnbondRequested(r.TopicAddress(1), r.UInt256(0), r.UInt64(1), r.UInt256(2))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
        [EventTopics.Of<Definitions.UnbondedWithdrawnEventDTO>()] = static log =>
        {
            var r = new AbiLogReader(log, 1);
            return new UnbondedWithdrawn(r.TopicAddress(1), r.UInt256(0))
            {
                Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex,
            };
        },
    };
}
