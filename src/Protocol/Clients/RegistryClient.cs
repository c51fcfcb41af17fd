using System.Numerics;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;
using Registry = DePinGpu.Protocol.Contracts.ProviderRegistry.ContractDefinition;

namespace DePinGpu.Protocol.Clients;

/// <summary>
/// Typed access to the ProviderRegistry: registration, stake, unbonding, operator changes, jail and heartbeats
/// (operations) and providers, liveness and parameters (queries).
/// </summary>
public sealed class RegistryClient : ContractClient
{
    private readonly TokenClient _token;

    /// <summary>Creates a client; <paramref name="sender"/> null makes it read-only.</summary>
    public RegistryClient(EthereumRpc rpc, string registry, TokenClient token, TransactionSender? sender, RevertDecoder reverts, ProtocolEventDecoder events)
        : base(rpc, registry, sender, reverts, events)
    {
        _token = token ?? throw new ArgumentNullException(nameof(token));
    }

    /// <summary>
    /// Registers the sender as a provider served by <paramref name="operatorKey"/> (which signs its consent to serve the
    /// sender), approving the stake first if needed.
    /// </summary>
    public async Task<ContractReceipt> RegisterAsync(
        WalletKey operatorKey, string gpuModel, uint gpuCount, uint vramGb, byte[] metadataCid, BigInteger stake, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operatorKey);
        var consent = await SignOperatorBindingAsync(operatorKey, cancellationToken).ConfigureAwait(false);
        await _token.EnsureAllowanceAsync(Address, stake, cancellationToken).ConfigureAwait(false);
        return await SendAsync(
            new Registry.RegisterFunction
            {
                Operator = operatorKey.Address,
                OperatorPublicKey = operatorKey.PublicKey,
                OperatorSignature = consent,
                GpuModel = gpuModel,
                GpuCount = gpuCount,
                VramGb = vramGb,
                MetadataCid = metadataCid,
                Stake = stake,
            },
            "register provider",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds stake (approving it first if needed).</summary>
    public async Task<ContractReceipt> AddStakeAsync(BigInteger amount, CancellationToken cancellationToken)
    {
        await _token.EnsureAllowanceAsync(Address, amount, cancellationToken).ConfigureAwait(false);
        return await SendAsync(new Registry.AddStakeFunction { Amount = amount }, "add stake", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves free stake into the unbonding queue.</summary>
    public Task<ContractReceipt> RequestUnbondAsync(BigInteger amount, CancellationToken cancellationToken) =>
        SendAsync(new Registry.RequestUnbondFunction { Amount = amount }, "request unbond", cancellationToken);

    /// <summary>Withdraws every released unbonding entry; returns the amount paid.</summary>
    public async Task<BigInteger> WithdrawUnbondedAsync(CancellationToken cancellationToken)
    {
        var receipt = await SendAsync(new Registry.WithdrawUnbondedFunction(), "withdraw unbonded stake", cancellationToken).ConfigureAwait(false);
        return Single<Events.Registry.UnbondedWithdrawn>(receipt, "withdraw unbonded stake").Amount;
    }

    /// <summary>Replaces the operator key (and so the peer id); the new key signs its consent to serve the sender.</summary>
    public async Task<ContractReceipt> ChangeOperatorAsync(WalletKey newOperator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newOperator);
        var consent = await SignOperatorBindingAsync(newOperator, cancellationToken).ConfigureAwait(false);
        return await SendAsync(
            new Registry.ChangeOperatorFunction { NewOperator = newOperator.Address, NewOperatorPublicKey = newOperator.PublicKey, OperatorSignature = consent },
            "change operator",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The EIP-712 digest the registry expects an operator key to sign for <paramref name="owner"/>.</summary>
    public async Task<byte[]> OperatorBindingDigestAsync(string owner, CancellationToken cancellationToken) =>
        (await QueryAsync<Registry.OperatorBindingDigestFunction, Registry.OperatorBindingDigestOutputDTO>(new() { Owner = owner }, "operator binding digest", cancellationToken).ConfigureAwait(false)).ReturnValue1;

    private async Task<byte[]> SignOperatorBindingAsync(WalletKey operatorKey, CancellationToken cancellationToken)
    {
        var chainId = await Rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        return OperatorBindingSigner.Sign(operatorKey, Sender.Address, Address, chainId);
    }

    /// <summary>Replaces the metadata CID.</summary>
    public Task<ContractReceipt> UpdateMetadataAsync(byte[] metadataCid, CancellationToken cancellationToken) =>
        SendAsync(new Registry.UpdateMetadataFunction { MetadataCid = metadataCid }, "update metadata", cancellationToken);

    /// <summary>Ends the sender's jail once the jail period is over.</summary>
    public Task<ContractReceipt> UnjailAsync(CancellationToken cancellationToken) =>
        SendAsync(new Registry.UnjailFunction(), "unjail", cancellationToken);

    /// <summary>Records a heartbeat of the sender (an operator key).</summary>
    public Task<ContractReceipt> HeartbeatAsync(CancellationToken cancellationToken) =>
        SendAsync(new Registry.HeartbeatFunction(), "heartbeat", cancellationToken);

    /// <summary>The provider whose owner is <paramref name="owner"/>, or null when not registered.</summary>
    public async Task<ProviderDetails?> GetProviderAsync(string owner, CancellationToken cancellationToken)
    {
        var info = (await QueryAsync<Registry.GetProviderFunction, Registry.GetProviderOutputDTO>(new() { Provider = owner }, "get provider", cancellationToken).ConfigureAwait(false)).Info;
        return DtoMapping.AddressOrNull(info.Operator) is null ? null : info.ToDomain();
    }

    /// <summary>Pending unbonding requests of <paramref name="owner"/>.</summary>
    public async Task<IReadOnlyList<PendingUnbond>> GetUnbondingAsync(string owner, CancellationToken cancellationToken) =>
        (await QueryAsync<Registry.GetUnbondingFunction, Registry.GetUnbondingOutputDTO>(new() { Provider = owner }, "get unbonding", cancellationToken).ConfigureAwait(false))
            .Entries.Select(e => new PendingUnbond(e.Amount, ChainTime.At(e.ReleaseAt))).ToArray();

    /// <summary>The provider (owner) an operator serves, or null.</summary>
    public async Task<string?> ProviderOfOperatorAsync(string operatorAddress, CancellationToken cancellationToken) =>
        DtoMapping.AddressOrNull((await QueryAsync<Registry.ProviderOfOperatorFunction, Registry.ProviderOfOperatorOutputDTO>(new() { Operator = operatorAddress }, "provider of operator", cancellationToken).ConfigureAwait(false)).ReturnValue1);

    /// <summary>True while the provider's last heartbeat is within the timeout.</summary>
    public async Task<bool> IsLiveAsync(string owner, CancellationToken cancellationToken) =>
        (await QueryAsync<Registry.IsLiveFunction, Registry.IsLiveOutputDTO>(new() { Provider = owner }, "is live", cancellationToken).ConfigureAwait(false)).ReturnValue1;

    /// <summary>Registered, unjailed and live: may take a lease.</summary>
    public async Task<bool> IsEligibleAsync(string owner, CancellationToken cancellationToken) =>
        (await QueryAsync<Registry.IsEligibleFunction, Registry.IsEligibleOutputDTO>(new() { Provider = owner }, "is eligible", cancellationToken).ConfigureAwait(false)).ReturnValue1;

    /// <summary>Stake neither locked nor unbonding.</summary>
    public async Task<BigInteger> FreeStakeAsync(string owner, CancellationToken cancellationToken) =>
        (await QueryAsync<Registry.FreeStakeFunction, Registry.FreeStakeOutputDTO>(new() { Provider = owner }, "free stake", cancellationToken).ConfigureAwait(false)).ReturnValue1;

    /// <summary>The registry's parameters.</summary>
    public async Task<RegistryParameters> GetParametersAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<Registry.ParametersFunction, Registry.ParametersOutputDTO>(new(), "registry parameters", cancellationToken).ConfigureAwait(false)).ReturnValue1.ToDomain();

    /// <summary>The peer id the registry derives from a 64-byte public key.</summary>
    public async Task<OperatorPeerId> PeerIdOfAsync(byte[] publicKey, CancellationToken cancellationToken) =>
        OperatorPeerId.FromBytes((await QueryAsync<Registry.PeerIdOfFunction, Registry.PeerIdOfOutputDTO>(new() { PublicKey = publicKey }, "peer id of", cancellationToken).ConfigureAwait(false)).ReturnValue1);

    /// <summary>Every registered provider's owner address.</summary>
    public async Task<IReadOnlyList<string>> ListProvidersAsync(CancellationToken cancellationToken)
    {
        var count = (await QueryAsync<Registry.ProviderCountFunction, Registry.ProviderCountOutputDTO>(new(), "provider count", cancellationToken).ConfigureAwait(false)).ReturnValue1;
        var owners = new List<string>();
        for (BigInteger index = 0; index < count; index++)
        {
            var owner = (await QueryAsync<Registry.ProviderAtFunction, Registry.ProviderAtOutputDTO>(new() { Index = index }, "provider at", cancellationToken).ConfigureAwait(false)).ReturnValue1;
            owners.Add(DtoMapping.Address(owner));
        }

        return owners;
    }
}
