using System.Numerics;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;
using Token = DePinGpu.Protocol.Contracts.DevToken.ContractDefinition;

namespace DePinGpu.Protocol.Clients;

/// <summary>The stake-and-payment token (ERC-20 with ERC-2612 permit): balances, allowances, permits.</summary>
public sealed class TokenClient : ContractClient
{
    /// <summary>Creates a client of the token at <paramref name="address"/>.</summary>
    public TokenClient(EthereumRpc rpc, string address, TransactionSender? sender, RevertDecoder reverts)
        : base(rpc, address, sender, reverts, new ProtocolEventDecoder(address, null))
    {
    }

    /// <summary>Token balance of <paramref name="account"/>.</summary>
    public async Task<BigInteger> BalanceOfAsync(string account, CancellationToken cancellationToken) =>
        (await QueryAsync<Token.BalanceOfFunction, Token.BalanceOfOutputDTO>(new() { Account = account }, "balance", cancellationToken).ConfigureAwait(false)).ReturnValue1;

    /// <summary>What <paramref name="spender"/> may take from <paramref name="owner"/>.</summary>
    public async Task<BigInteger> AllowanceAsync(string owner, string spender, CancellationToken cancellationToken) =>
        (await QueryAsync<Token.AllowanceFunction, Token.AllowanceOutputDTO>(new() { Owner = owner, Spender = spender }, "allowance", cancellationToken).ConfigureAwait(false)).ReturnValue1;

    /// <summary>The owner's current permit nonce.</summary>
    public async Task<BigInteger> PermitNonceAsync(string owner, CancellationToken cancellationToken) =>
        (await QueryAsync<Token.NoncesFunction, Token.NoncesOutputDTO>(new() { Owner = owner }, "permit nonce", cancellationToken).ConfigureAwait(false)).ReturnValue1;

    /// <summary>The token's EIP-712 domain name and version (ERC-5267).</summary>
    public async Task<(string Name, string Version)> Eip712DomainAsync(CancellationToken cancellationToken)
    {
        var domain = await QueryAsync<Token.Eip712DomainFunction, Token.Eip712DomainOutputDTO>(new(), "EIP-712 domain", cancellationToken).ConfigureAwait(false);
        return (domain.Name, domain.Version);
    }

    /// <summary>Approves <paramref name="spender"/> for <paramref name="amount"/>.</summary>
    public Task<ContractReceipt> ApproveAsync(string spender, BigInteger amount, CancellationToken cancellationToken) =>
        SendAsync(new Token.ApproveFunction { Spender = spender, Value = amount }, "approve", cancellationToken);

    /// <summary>Approves <paramref name="spender"/> only when the current allowance is below <paramref name="amount"/>.</summary>
    public async Task EnsureAllowanceAsync(string spender, BigInteger amount, CancellationToken cancellationToken)
    {
        if (await AllowanceAsync(Sender.Address, spender, cancellationToken).ConfigureAwait(false) < amount)
        {
            await ApproveAsync(spender, amount, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Transfers tokens.</summary>
    public Task<ContractReceipt> TransferAsync(string to, BigInteger amount, CancellationToken cancellationToken) =>
        SendAsync(new Token.TransferFunction { To = to, Value = amount }, "transfer", cancellationToken);

    /// <summary>Mints tokens (devnet token only; needs MINTER_ROLE).</summary>
    public Task<ContractReceipt> MintAsync(string to, BigInteger amount, CancellationToken cancellationToken) =>
        SendAsync(new Token.MintFunction { To = to, Amount = amount }, "mint", cancellationToken);

    /// <summary>Signs an ERC-2612 permit with <paramref name="owner"/> for <paramref name="spender"/>.</summary>
    public async Task<PermitSignature> SignPermitAsync(WalletKey owner, string spender, BigInteger value, DateTimeOffset deadline, ulong chainId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var (name, version) = await Eip712DomainAsync(cancellationToken).ConfigureAwait(false);
        var nonce = await PermitNonceAsync(owner.Address, cancellationToken).ConfigureAwait(false);
        return PermitSigner.Sign(owner, Address, name, version, chainId, spender, value, nonce, deadline.ToUnixTimeSeconds());
    }
}
