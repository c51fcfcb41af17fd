using System.Numerics;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Contracts;
using Nethereum.Contracts.MessageEncodingServices;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;
using Token = DePinGpu.Protocol.Contracts.DevToken.ContractDefinition;
using Extension = DePinGpu.Protocol.Contracts.LeaseMarketExtension.ContractDefinition;
using Market = DePinGpu.Protocol.Contracts.LeaseMarket.ContractDefinition;
using Registry = DePinGpu.Protocol.Contracts.ProviderRegistry.ContractDefinition;

namespace DePinGpu.Protocol.Deployment;

/// <summary>
/// Deploys the DePinGpu contracts from C#: the devnet token (unless an existing token is given), the registry,
/// the market extension and the market, then binds the registry to the market (once, for good). The sender becomes
/// the registry's default admin and parameter role holder (the market has no roles of its own).
/// </summary>
public sealed partial class ContractsDeployer
{
    private readonly EthereumRpc _rpc;
    private readonly TransactionSender _sender;
    private readonly ILogger _logger;

    /// <summary>Creates a deployer that sends from <paramref name="sender"/>.</summary>
    public ContractsDeployer(EthereumRpc rpc, TransactionSender sender, ILogger<ContractsDeployer>? logger = null)
    {
        _rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
        _sender = sender ?? throw new ArgumentNullException(nameof(sender));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Deploys everything with <paramref name="parameters"/>; <paramref name="stakeToken"/> null deploys the devnet
    /// token and mints nothing. Returns what <see cref="DeploymentFile"/> writes.
    /// </summary>
    public async Task<DeploymentInfo> DeployAsync(DeploymentParameters parameters, string? stakeToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var admin = _sender.Address;
        var token = stakeToken;
        ulong? firstBlock = null;
        if (token is null)
        {
            var tokenReceipt = await DeployAsync(new Token.DevTokenDeployment { Name = "DePinGpu Dev Token", Symbol = "DGPU", Admin = admin }, "deploy token", cancellationToken).ConfigureAwait(false);
            token = tokenReceipt.ContractAddress!;
            firstBlock = tokenReceipt.BlockNumber;
        }

        var registryParameters = new Registry.RegistryParameters
        {
            MinStakePerGpu = parameters.MinStakePerGpu,
            UnbondingPeriod = parameters.UnbondingPeriod,
            JailPeriod = parameters.JailPeriod,
            HeartbeatInterval = parameters.HeartbeatInterval,
            HeartbeatTimeout = parameters.HeartbeatTimeout,
        };
        var registryReceipt = await DeployAsync(new Registry.ProviderRegistryDeployment { Token = token, Initial = registryParameters, Admin = admin }, "deploy registry", cancellationToken).ConfigureAwait(false);
        var registry = registryReceipt.ContractAddress!;
        firstBlock ??= registryReceipt.BlockNumber;
        var extension = (await DeployAsync(new Extension.LeaseMarketExtensionDeployment { Registry = registry }, "deploy market extension", cancellationToken).ConfigureAwait(false)).ContractAddress!;
        var marketParameters = new Market.MarketParameters
        {
            StartDeadline = parameters.StartDeadline,
            MinPrepaidSeconds = parameters.MinPrepaidSeconds,
            SlashBps = parameters.SlashBps,
            MinorSlashBps = parameters.MinorSlashBps,
            FinderFeeBps = parameters.FinderFeeBps,
            ProtocolFeeBps = parameters.ProtocolFeeBps,
            Treasury = parameters.Treasury,
        };
        var market = (await DeployAsync(new Market.LeaseMarketDeployment { Registry = registry, Initial = marketParameters, Extension = extension }, "deploy market", cancellationToken).ConfigureAwait(false)).ContractAddress!;
        var bind = new Registry.BindMarketFunction { Market = market };
        await _sender.SendAsync(TransactionIntent.Create(registry, bind.GetCallData(), "bind the registry to its market"), cancellationToken).ConfigureAwait(false);

        var chainId = await _rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        var info = new DeploymentInfo(
            chainId,
            _rpc.Client.Endpoint.ToString().TrimEnd('/'),
            admin,
            firstBlock.Value,
            DateTimeOffset.UtcNow,
            new DeployedContracts(token.ConvertToEthereumChecksumAddress(), registry.ConvertToEthereumChecksumAddress(), market.ConvertToEthereumChecksumAddress()),
            parameters with { Treasury = parameters.Treasury.ConvertToEthereumChecksumAddress() });
        LogDeployed(_logger, chainId, info.Contracts.Registry, info.Contracts.Market, info.Contracts.StakeToken);
        return info;
    }

    private async Task<TransactionReceipt> DeployAsync<TDeployment>(TDeployment deployment, string description, CancellationToken cancellationToken)
        where TDeployment : ContractDeploymentMessage, new()
    {
        var data = new DeploymentMessageEncodingService<TDeployment>(_sender.Address).GetDeploymentData(deployment).HexToByteArray();
        var receipt = await _sender.SendAsync(new TransactionIntent(null, data, BigInteger.Zero, description), cancellationToken).ConfigureAwait(false);
        if (receipt.ContractAddress is null)
        {
            throw new RpcResponseFormatException($"{description} was mined ({receipt.TransactionHash}) but the receipt names no contract address.");
        }

        return receipt;
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Deployed DePinGpu on chain {ChainId}: registry {Registry}, market {Market}, token {Token}")]
    private static partial void LogDeployed(ILogger logger, ulong chainId, string registry, string market, string token);
}
