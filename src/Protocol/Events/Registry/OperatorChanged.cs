using DePinGpu.Libp2p.Identity;
namespace DePinGpu.Protocol.Events.Registry;

/// <summary>The ProviderRegistry event <c>OperatorChanged(address indexed provider, address indexed previousOperator, address indexed newOperator, bytes peerId)</c>.</summary>
/// <param name="Provider">The event's <c>provider</c> (addresses lower-case).</param>
/// <param name="PreviousOperator">The event's <c>previousOperator</c> (addresses lower-case).</param>
/// <param name="NewOperator">The event's <c>newOperator</c> (addresses lower-case).</param>
/// <param name="PeerId">The event's <c>peerId</c>.</param>
public sealed record OperatorChanged(string Provider, string PreviousOperator, string NewOperator, PeerId PeerId) : ChainEvent;
