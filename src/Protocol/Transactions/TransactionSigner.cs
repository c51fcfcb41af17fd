using System.Numerics;
using DePinGpu.Protocol.Wallets;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Model;
using Nethereum.Signer;
using Nethereum.Util;

namespace DePinGpu.Protocol.Transactions;

/// <summary>Signs EIP-1559 (type 2) transactions and computes their hash locally.</summary>
internal static class TransactionSigner
{
    public static (string Raw, string Hash) Sign(
        WalletKey key,
        ulong chainId,
        TransactionIntent call,
        ulong nonce,
        ulong gasLimit,
        BigInteger maxFeePerGas,
        BigInteger maxPriorityFeePerGas)
    {
        var transaction = new Transaction1559(
            chainId,
            nonce,
            maxPriorityFeePerGas,
            maxFeePerGas,
            gasLimit,
            call.To,
            call.Value,
            call.Data.ToHex(true),
            []);
        var signed = new Transaction1559Signer().SignTransaction(key.SigningKey, transaction);
        var raw = signed.StartsWith("0x", StringComparison.Ordinal) ? signed : "0x" + signed;
        var hash = Sha3Keccack.Current.CalculateHash(raw.HexToByteArray()).ToHex(true);
        return (raw, hash);
    }
}
