using System.Numerics;
using System.Text.Json;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;
using Nethereum.Signer;

namespace DePinGpu.Protocol.Tests.Clients;

public sealed class RegistryClientTests(ProtocolFixture fixture) : IClassFixture<ProtocolFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ProtocolChain _chain = fixture.Chain;

    [Fact]
    public async Task PeerId_DerivedLocally_EqualsTheContractsDerivation_AndTheSpecVector()
    {
        var provider = await _chain.RegisterProviderAsync();
        var registry = _chain.Connection.Registry();

        var stored = (await registry.GetProviderAsync(provider.Address, None))!.PeerId;
        var derivedOnChain = await registry.PeerIdOfAsync(provider.Operator.PublicKey, None);

        Assert.Equal(provider.Operator.PeerId, stored);
        Assert.Equal(provider.Operator.PeerId, derivedOnChain);
        using var vectors = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Libp2pVectorsFile));
        var vector = vectors.RootElement.GetProperty("spec_secp256k1");
        var compressed = Convert.FromHexString(vector.GetProperty("publicKeyProtobuf").GetString()!)[4..];
        var uncompressed = new EthECKey(compressed, false).GetPubKeyNoPrefix(false);
        var fromContract = await registry.PeerIdOfAsync(uncompressed, None);
        Assert.Equal(vector.GetProperty("peerId").GetString(), fromContract.Text);
        Assert.Equal(vector.GetProperty("peerIdMultihashHex").GetString(), Convert.ToHexStringLower(fromContract.ToArray()));
    }

    [Fact]
    public async Task OperatorBindingSignature_RecoversToTheOperator_OverTheRegistrysOwnDigest_ForThatOwnerOnly()
    {
        var owner = WalletKey.Generate().Address;
        var operatorKey = WalletKey.Generate();
        var registry = _chain.Connection.Registry();
        var chainId = await _chain.Anvil.Rpc.GetChainIdAsync(None);

        var signature = OperatorBindingSigner.Sign(operatorKey, owner, registry.Address, chainId);
        var digest = await registry.OperatorBindingDigestAsync(owner, None);
        var otherOwnersDigest = await registry.OperatorBindingDigestAsync(WalletKey.Generate().Address, None);

        Assert.Equal(65, signature.Length);
        var parsed = EthECDSASignatureFactory.FromComponents(signature[..32], signature[32..64], signature[64]);
        Assert.Equal(operatorKey.Address, EthECKey.RecoverFromSignature(parsed, digest).GetPublicAddress(), StringComparer.OrdinalIgnoreCase);
        Assert.NotEqual(operatorKey.Address, EthECKey.RecoverFromSignature(parsed, otherOwnersDigest).GetPublicAddress(), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Stake_AddUnbondWithdraw_FollowsTheUnbondingPeriod()
    {
        var provider = await _chain.RegisterProviderAsync();
        var owner = _chain.Registry(provider.Owner);
        var before = (await owner.GetProviderAsync(provider.Address, None))!;

        await owner.AddStakeAsync(ProtocolChain.Token * 5, None);
        await owner.RequestUnbondAsync(ProtocolChain.Token * 3, None);
        var pending = Assert.Single(await owner.GetUnbondingAsync(provider.Address, None));
        var early = await Assert.ThrowsAsync<NothingToWithdrawException>(() => owner.WithdrawUnbondedAsync(None));
        await _chain.Anvil.IncreaseTimeAsync(61);
        var withdrawn = await owner.WithdrawUnbondedAsync(None);

        Assert.Equal(ProtocolChain.Token * 3, pending.Amount);
        Assert.Equal(provider.Address, early.Account);
        Assert.Equal(ProtocolChain.Token * 3, withdrawn);
        var after = (await owner.GetProviderAsync(provider.Address, None))!;
        Assert.Equal(before.Stake + (ProtocolChain.Token * 2), after.Stake);
        Assert.Equal(after.Stake, await owner.FreeStakeAsync(provider.Address, None));
        Assert.Empty(await owner.GetUnbondingAsync(provider.Address, None));
    }

    [Fact]
    public async Task ChangeOperator_MovesThePeerId_AndTheOldKeyCanNoLongerHeartbeat()
    {
        var provider = await _chain.RegisterProviderAsync();
        var newOperator = await _chain.FundedKeyAsync(tokens: 0);
        var owner = _chain.Registry(provider.Owner);

        await owner.ChangeOperatorAsync(newOperator, None);
        await owner.UpdateMetadataAsync([0x01, 0x55, 0x12, 0x20, .. Enumerable.Repeat((byte)9, 32)], None);

        var details = (await owner.GetProviderAsync(provider.Address, None))!;
        Assert.Equal(newOperator.Address, details.Operator);
        Assert.Equal(newOperator.PeerId, details.PeerId);
        Assert.Equal(9, details.MetadataCid[^1]);
        Assert.Equal(provider.Address, await owner.ProviderOfOperatorAsync(newOperator.Address, None));
        var old = await Assert.ThrowsAsync<UnknownOperatorException>(() => provider.Registry.HeartbeatAsync(None));
        Assert.Equal(provider.Operator.Address.ToLowerInvariant(), old.Operator.ToLowerInvariant());
        await _chain.Registry(newOperator).HeartbeatAsync(None);
        Assert.True(await owner.IsLiveAsync(provider.Address, None));
        Assert.Contains(provider.Address, await owner.ListProvidersAsync(None));
    }

    [Fact]
    public async Task RegistrationMistakes_RevertWithTypedErrorsCarryingTheirValues()
    {
        var provider = await _chain.RegisterProviderAsync();
        var owner = _chain.Registry(provider.Owner);
        var minimum = _chain.Deployment.Parameters.MinStakePerGpu;

        var again = await Assert.ThrowsAsync<AlreadyRegisteredException>(() => owner.RegisterAsync(WalletKey.Generate(), "RTX4090", 1, 24, [1], minimum, None));
        Assert.Equal(provider.Address.ToLowerInvariant(), again.Provider.ToLowerInvariant());

        var poorOwner = _chain.Registry(await _chain.FundedKeyAsync());
        var low = await Assert.ThrowsAsync<InsufficientStakeException>(() => poorOwner.RegisterAsync(WalletKey.Generate(), "RTX4090", 2, 24, [1], minimum, None));
        Assert.Equal((minimum, minimum * 2), (low.Stake, low.Required));

        var zero = await Assert.ThrowsAsync<ZeroAmountException>(() => owner.RequestUnbondAsync(0, None));
        Assert.Equal("ZeroAmount", zero.ErrorName);

        var notJailed = await Assert.ThrowsAsync<ProviderNotJailedException>(() => owner.UnjailAsync(None));
        Assert.Contains("is not jailed", notJailed.Message, StringComparison.Ordinal);

        var stranger = _chain.Registry(await _chain.FundedKeyAsync(0));
        var unknown = await Assert.ThrowsAsync<UnknownOperatorException>(() => stranger.HeartbeatAsync(None));
        Assert.Contains("not the operator of any registered provider", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarketMistakes_RevertWithTypedErrorsCarryingTheirValues()
    {
        var tenantKey = await _chain.FundedKeyAsync();
        var tenant = _chain.Market(tenantKey);
        var provider = await _chain.RegisterProviderAsync();
        var request = new DePinGpu.Protocol.Clients.OrderRequest([0x01, 0x55, 0x12, 0x20, .. new byte[32]], DePinGpu.Protocol.Clients.OrderKind.Stateful, "", 0, 1, 1, 0, 1000, TimeSpan.FromDays(1), TimeSpan.FromMinutes(1), 1000 * 3600);

        Assert.Null(await tenant.GetOrderAsync(987_654, None));
        Assert.Null(await tenant.GetLeaseAsync(123_456, None));
        var missing = await Assert.ThrowsAsync<OrderNotFoundException>(() => tenant.FinalizeOrderAsync(987_654, None));
        Assert.Equal(new BigInteger(987_654), missing.OrderId);
        var noLease = await Assert.ThrowsAsync<LeaseNotFoundException>(() => provider.Market.AckLeaseAsync(123_456, 0, None));
        Assert.Equal(new BigInteger(123_456), noLease.LeaseId);
        var tooLow = await Assert.ThrowsAsync<EscrowTooLowException>(() => tenant.CreateOrderAsync(request with { Escrow = 5 }, None));
        Assert.Equal((new BigInteger(5), new BigInteger(1000 * 3600)), (tooLow.Escrow, tooLow.Required));

        var orderId = await tenant.CreateOrderAsync(request, None);
        var price = await Assert.ThrowsAsync<PriceOutOfRangeException>(() => provider.Market.PlaceOfferAsync(orderId, 1001, None));
        Assert.Equal((new BigInteger(1001), new BigInteger(1000)), (price.PricePerSecond, price.MaxPricePerSecond));
        await provider.Market.PlaceOfferAsync(orderId, 900, None);
        var duplicate = await Assert.ThrowsAsync<DuplicateOfferException>(() => provider.Market.PlaceOfferAsync(orderId, 800, None));
        Assert.Equal(orderId, duplicate.OrderId);
        var notTenant = await Assert.ThrowsAsync<NotTenantException>(() => _chain.Market(provider.Owner).CancelOrderAsync(orderId, None));
        Assert.Equal(provider.Owner.Address.ToLowerInvariant(), notTenant.Caller.ToLowerInvariant());

        await _chain.Anvil.IncreaseTimeAsync(61);
        var latecomer = await _chain.RegisterProviderAsync();
        var late = await Assert.ThrowsAsync<BidWindowClosedException>(() => latecomer.Market.PlaceOfferAsync(orderId, 500, None));
        Assert.Equal(orderId, late.OrderId);
        var cancelled = await tenant.CancelOrderAsync(orderId, None);
        Assert.Contains(cancelled.Events, e => e is DePinGpu.Protocol.Events.Market.OrderCancelled);
        var state = await Assert.ThrowsAsync<InvalidOrderStateException>(() => tenant.FinalizeOrderAsync(orderId, None));
        Assert.Equal(DePinGpu.Protocol.Clients.OrderState.Cancelled, state.State);
    }
}
