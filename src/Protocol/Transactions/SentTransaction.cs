using System.Numerics;

namespace DePinGpu.Protocol.Transactions;

/// <summary>A signed transaction the node accepted into its pool.</summary>
/// <param name="Call">The intent it carries.</param>
/// <param name="From">Sender.</param>
/// <param name="Nonce">Its nonce (replacements keep it, so at most one of them is mined).</param>
/// <param name="Hash">Transaction hash.</param>
/// <param name="GasLimit">Gas limit.</param>
/// <param name="MaxFeePerGas">EIP-1559 fee cap.</param>
/// <param name="MaxPriorityFeePerGas">EIP-1559 tip.</param>
/// <param name="SentAt">When it was handed to the node.</param>
public sealed record SentTransaction(
    TransactionIntent Call,
    string From,
    ulong Nonce,
    string Hash,
    ulong GasLimit,
    BigInteger MaxFeePerGas,
    BigInteger MaxPriorityFeePerGas,
    DateTimeOffset SentAt);
