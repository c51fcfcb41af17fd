namespace DePinGpu.Protocol.Rpc;

/// <summary>The receipt fields this library uses.</summary>
/// <param name="TransactionHash">Hash of the mined transaction.</param>
/// <param name="BlockNumber">Block that holds it.</param>
/// <param name="BlockHash">Hash of that block.</param>
/// <param name="Succeeded">False when the transaction reverted.</param>
/// <param name="GasUsed">Gas the transaction used.</param>
/// <param name="EffectiveGasPrice">Price per gas actually paid.</param>
/// <param name="ContractAddress">Created contract, for a deployment.</param>
/// <param name="Logs">Logs the transaction emitted.</param>
public sealed record TransactionReceipt(
    string TransactionHash,
    ulong BlockNumber,
    string BlockHash,
    bool Succeeded,
    ulong GasUsed,
    System.Numerics.BigInteger EffectiveGasPrice,
    string? ContractAddress,
    IReadOnlyList<LogEntry> Logs);
