namespace DePinGpu.Protocol.Clients;

/// <summary>A mined transaction of a client operation and the typed events it emitted.</summary>
/// <param name="TransactionHash">Transaction hash.</param>
/// <param name="BlockNumber">Block that holds it.</param>
/// <param name="GasUsed">Gas it used.</param>
/// <param name="Events">The registry and market events it emitted, in log order.</param>
public sealed record ContractReceipt(string TransactionHash, ulong BlockNumber, ulong GasUsed, IReadOnlyList<Events.ChainEvent> Events);
