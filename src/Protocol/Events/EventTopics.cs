using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace DePinGpu.Protocol.Events;

/// <summary>Event signature hashes of the generated event types.</summary>
internal static class EventTopics
{
    /// <summary>Topic 0 (the signature hash, 0x-hex lower-case) of <typeparamref name="TEvent"/>.</summary>
    public static string Of<TEvent>()
        where TEvent : IEventDTO, new() =>
        "0x" + ABITypedRegistry.GetEvent<TEvent>().Sha3Signature.ToLowerInvariant();
}
