namespace DePinGpu.Protocol.Rpc;

/// <summary>One log as returned by <c>eth_getLogs</c> or in a receipt.</summary>
/// <param name="Address">Emitting contract, lower-case hex.</param>
/// <param name="Topics">Topics, 0x-prefixed lower-case hex.</param>
/// <param name="Data">Non-indexed data, 0x-prefixed hex.</param>
/// <param name="BlockNumber">Block that holds the log.</param>
/// <param name="BlockHash">Hash of that block.</param>
/// <param name="TransactionHash">Transaction that emitted the log.</param>
/// <param name="TransactionIndex">Position of the transaction in the block.</param>
/// <param name="LogIndex">Position of the log in the block.</param>
/// <param name="Removed">True when the node reports the log as removed by a reorg.</param>
public sealed record LogEntry(
    string Address,
    IReadOnlyList<string> Topics,
    string Data,
    ulong BlockNumber,
    string BlockHash,
    string TransactionHash,
    uint TransactionIndex,
    uint LogIndex,
    bool Removed);
