using DePinGpu.Protocol.Rpc;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace DePinGpu.Protocol.Events;

/// <summary>Event signature hashes and ABI decoding of logs through the generated event types.</summary>
internal static class EventTopics
{
    /// <summary>Topic 0 (the signature hash, 0x-hex lower-case) of <typeparamref name="TEvent"/>.</summary>
    public static string Of<TEvent>()
        where TEvent : IEventDTO, new() =>
        "0x" + ABITypedRegistry.GetEvent<TEvent>().Sha3Signature.ToLowerInvariant();

    /// <summary>Decodes <paramref name="log"/> as <typeparamref name="TEvent"/>.</summary>
    public static TEvent Decode<TEvent>(LogEntry log)
        where TEvent : IEventDTO, new()
    {
        var filterLog = new FilterLog
        {
            Address = log.Address,
            Data = log.Data,
            Topics = [.. log.Topics],
        };
        return filterLog.DecodeEvent<TEvent>().Event;
    }
}
