using System.Numerics;

namespace DePinGpu.Protocol.Events.Registry;

/// <summary>The ProviderRegistry event <c>ParameterUpdated(bytes32 indexed name, uint256 previousValue, uint256 newValue)</c>.</summary>
/// <param name="Name">The event's <c>name</c>.</param>
/// <param name="PreviousValue">The event's <c>previousValue</c>.</param>
/// <param name="NewValue">The event's <c>newValue</c>.</param>
public sealed record RegistryParameterUpdated(string Name, BigInteger PreviousValue, BigInteger NewValue) : ChainEvent;
