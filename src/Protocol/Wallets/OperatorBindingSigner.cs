using Nethereum.ABI.EIP712;
using Nethereum.Signer.EIP712;

namespace DePinGpu.Protocol.Wallets;

/// <summary>
/// Signs the operator key's consent to serve a provider owner: the EIP-712 struct <c>OperatorBinding(address owner)</c>
/// in the domain ("DePinGpu ProviderRegistry", "1", chain id, registry). The registry's <c>register</c> and
/// <c>changeOperator</c> require it, so nobody can bind another node's public key to their own stake.
/// </summary>
public static class OperatorBindingSigner
{
    /// <summary>The registry's EIP-712 domain name.</summary>
    public const string DomainName = "DePinGpu ProviderRegistry";

    /// <summary>The registry's EIP-712 domain version.</summary>
    public const string DomainVersion = "1";

    /// <summary>The 65-byte signature (r || s || v) by <paramref name="operatorKey"/> of its binding to <paramref name="owner"/>.</summary>
    public static byte[] Sign(WalletKey operatorKey, string owner, string registry, ulong chainId)
    {
        ArgumentNullException.ThrowIfNull(operatorKey);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentException.ThrowIfNullOrEmpty(registry);
        var typedData = new TypedData<Domain>
        {
            Domain = new Domain { Name = DomainName, Version = DomainVersion, ChainId = chainId, VerifyingContract = registry },
            Types = MemberDescriptionFactory.GetTypesMemberDescription(typeof(Domain), typeof(OperatorBindingMessage)),
            PrimaryType = "OperatorBinding",
        };
        var signature = Eip712TypedDataSigner.Current.SignTypedDataV4(new OperatorBindingMessage { Owner = owner }, typedData, operatorKey.SigningKey);
        return Convert.FromHexString(signature.AsSpan(2));
    }
}
