using System.Numerics;
using Nethereum.ABI.EIP712;
using Nethereum.Signer.EIP712;

namespace DePinGpu.Protocol.Wallets;

/// <summary>Signs ERC-2612 permits (EIP-712 typed data) so a deposit and an order fit in one transaction.</summary>
public static class PermitSigner
{
    /// <summary>
    /// Signs a permit for <paramref name="spender"/> to take <paramref name="value"/> of the token at
    /// <paramref name="token"/> whose EIP-712 domain is (<paramref name="tokenName"/>, <paramref name="tokenVersion"/>).
    /// </summary>
    public static PermitSignature Sign(
        WalletKey owner,
        string token,
        string tokenName,
        string tokenVersion,
        ulong chainId,
        string spender,
        BigInteger value,
        BigInteger nonce,
        BigInteger deadline)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(spender);
        var message = new PermitMessage { Owner = owner.Address, Spender = spender, Value = value, Nonce = nonce, Deadline = deadline };
        var typedData = new TypedData<Domain>
        {
            Domain = new Domain { Name = tokenName, Version = tokenVersion, ChainId = chainId, VerifyingContract = token },
            Types = MemberDescriptionFactory.GetTypesMemberDescription(typeof(Domain), typeof(PermitMessage)),
            PrimaryType = "Permit",
        };
        var signature = Eip712TypedDataSigner.Current.SignTypedDataV4(message, typedData, owner.SigningKey);
        var bytes = Convert.FromHexString(signature.AsSpan(2));
        return new PermitSignature(owner.Address, spender, value, deadline, bytes[64], bytes[..32], bytes[32..64]);
    }
}
