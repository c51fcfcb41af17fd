using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using Definitions = DePinGpu.Protocol.Contracts.ProviderRegistry.ContractDefinition;

namespace DePinGpu.Protocol.Events.Registry;

/// <summary>Turns ProviderRegistry logs into the typed events of this namespace.</summary>
internal static class RegistryEventDecoding
{
    /// <summary>Decoders by event signature hash (topic 0).</summary>
    public static IReadOnlyDictionary<string, Func<LogEntry, ChainEvent>> ByTopic { get; } = new Dictionary<string, Func<LogEntry, ChainEvent>>(StringComparer.OrdinalIgnoreCase)
    {
        [EventTopics.Of<Definitions.HeartbeatRecordedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.HeartbeatRecordedEventDTO>(log);
            return new HeartbeatRecorded(dto.Provider.ToLowerInvariant()) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.MetadataUpdatedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.MetadataUpdatedEventDTO>(log);
            return new MetadataUpdated(dto.Provider.ToLowerInvariant(), dto.MetadataCid) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.OperatorChangedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.OperatorChangedEventDTO>(log);
            return new OperatorChanged(dto.Provider.ToLowerInvariant(), dto.PreviousOperator.ToLowerInvariant(), dto.NewOperator.ToLowerInvariant(), dto.PeerId) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.ParameterUpdatedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.ParameterUpdatedEventDTO>(log);
            return new ParameterUpdated(RevertText.Bytes32Text(dto.Name), dto.PreviousValue, dto.NewValue) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.ProviderJailedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.ProviderJailedEventDTO>(log);
            return new ProviderJailed(dto.Provider.ToLowerInvariant(), dto.JailedUntil) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.ProviderRegisteredEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.ProviderRegisteredEventDTO>(log);
            return new ProviderRegistered(dto.Provider.ToLowerInvariant(), dto.Operator.ToLowerInvariant(), dto.PeerId, dto.GpuModel, dto.GpuCount, dto.VramGb, dto.MetadataCid, dto.Stake) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.ProviderSlashedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.ProviderSlashedEventDTO>(log);
            return new ProviderSlashed(dto.Provider.ToLowerInvariant(), dto.Amount, dto.FromUnbonding, dto.Recipient.ToLowerInvariant()) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.ProviderUnjailedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.ProviderUnjailedEventDTO>(log);
            return new ProviderUnjailed(dto.Provider.ToLowerInvariant()) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.StakeAddedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.StakeAddedEventDTO>(log);
            return new StakeAdded(dto.Provider.ToLowerInvariant(), dto.Amount, dto.Stake) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.StakeLockedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.StakeLockedEventDTO>(log);
            return new StakeLocked(dto.Provider.ToLowerInvariant(), dto.Amount, dto.LockedStake) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.StakeUnlockedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.StakeUnlockedEventDTO>(log);
            return new StakeUnlocked(dto.Provider.ToLowerInvariant(), dto.Amount, dto.LockedStake) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.UnbondRequestedEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.UnbondRequestedEventDTO>(log);
            return new UnbondRequested(dto.Provider.ToLowerInvariant(), dto.Amount, dto.ReleaseAt, dto.Stake) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
        [EventTopics.Of<Definitions.UnbondedWithdrawnEventDTO>()] = static log =>
        {
            var dto = EventTopics.Decode<Definitions.UnbondedWithdrawnEventDTO>(log);
            return new UnbondedWithdrawn(dto.Provider.ToLowerInvariant(), dto.Amount) { Contract = log.Address, BlockNumber = log.BlockNumber, BlockHash = log.BlockHash, TransactionHash = log.TransactionHash, LogIndex = log.LogIndex };
        },
    };
}
