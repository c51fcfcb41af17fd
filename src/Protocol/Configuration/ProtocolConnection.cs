using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Deployment;
using DePinGpu.Protocol.Diagnostics;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Events;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DePinGpu.Protocol.Configuration;

/// <summary>
/// A connection to one DePinGpu deployment, checked (by <see cref="ConnectAsync"/>, or by the host at start through
/// <see cref="CheckAsync"/>): the RPC answers, reports the configured chain id, and the deployment file's contracts
/// have code. Hands out typed clients and event streams.
/// </summary>
public sealed class ProtocolConnection : IDisposable
{
    private readonly ILoggerFactory _loggers;
    private readonly bool _ownsRpc;

    private ProtocolConnection(ChainOptions options, EthereumRpc rpc, DeploymentInfo deployment, ILoggerFactory loggers, ChainMetrics metrics, bool ownsRpc)
    {
        Options = options;
        Rpc = rpc;
        Deployment = deployment;
        _loggers = loggers;
        _ownsRpc = ownsRpc;
        Metrics = metrics;
        Reverts = ContractErrors.CreateDecoder();
        Events = new ProtocolEventDecoder(deployment.Contracts.Registry, deployment.Contracts.Market);
    }

    /// <summary>The options it was made from.</summary>
    public ChainOptions Options { get; }

    /// <summary>The node.</summary>
    public EthereumRpc Rpc { get; }

    /// <summary>The deployment in use.</summary>
    public DeploymentInfo Deployment { get; }

    /// <summary>Decoder of every contract error.</summary>
    public RevertDecoder Reverts { get; }

    /// <summary>Decoder of registry and market events.</summary>
    public ProtocolEventDecoder Events { get; }

    /// <summary>Where senders and event streams made by this connection count what they do.</summary>
    public ChainMetrics Metrics { get; }

    /// <summary>The head as the host's event stream (<see cref="Hosting.ChainEventService"/>) last polled it: one head poll serves everyone.</summary>
    public ChainHead Head { get; } = new();

    /// <summary>Validates <paramref name="options"/> against the node and the deployment file; throws <see cref="ChainConfigurationException"/>.</summary>
    public static async Task<ProtocolConnection> ConnectAsync(ChainOptions options, ILoggerFactory? loggers, CancellationToken cancellationToken)
    {
        ThrowIfInvalid(options);
        DeploymentInfo deployment;
        try
        {
            deployment = await DeploymentFile.ReadAsync(options.DeploymentFile, cancellationToken).ConfigureAwait(false);
        }
        catch (DeploymentFileException exception)
        {
            throw new ChainConfigurationException([exception.Message], exception);
        }

        var connection = new ProtocolConnection(options, new EthereumRpc(options.RpcEndpoints(), options.RequestTimeout), deployment, loggers ?? NullLoggerFactory.Instance, ChainMetrics.Shared, ownsRpc: true);
        try
        {
            await connection.CheckAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    /// <summary>
    /// A connection over <paramref name="rpc"/> (which stays the caller's) that has read its deployment file but not
    /// yet talked to the node: the host calls <see cref="CheckAsync"/> when it starts. Throws
    /// <see cref="ChainConfigurationException"/> for bad options or a missing or malformed deployment file.
    /// </summary>
    public static ProtocolConnection Open(ChainOptions options, EthereumRpc rpc, ILoggerFactory loggers, ChainMetrics metrics)
    {
        ThrowIfInvalid(options);
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(metrics);
        return new ProtocolConnection(options, rpc, DeploymentFileLoader.Load(options.DeploymentFile), loggers, metrics, ownsRpc: false);
    }

    /// <summary>Checks that the node answers, is the configured chain and holds the deployment's contracts; throws <see cref="ChainConfigurationException"/>.</summary>
    public Task CheckAsync(CancellationToken cancellationToken) => CheckChainAsync(Options, Deployment, Rpc, cancellationToken);

    /// <summary>A sender of transactions from <paramref name="key"/>.</summary>
    public TransactionSender CreateSender(WalletKey key, TransactionOptions? options = null) =>
        new(Rpc, key, Deployment.ChainId, Reverts, options, _loggers.CreateLogger<TransactionSender>(), Metrics);

    /// <summary>A token client; read-only without <paramref name="key"/>.</summary>
    public TokenClient Token(WalletKey? key = null, TransactionOptions? options = null) =>
        new(Rpc, Deployment.Contracts.StakeToken, key is null ? null : CreateSender(key, options), Reverts);

    /// <summary>A registry client; read-only without <paramref name="key"/>.</summary>
    public RegistryClient Registry(WalletKey? key = null, TransactionOptions? options = null)
    {
        var sender = key is null ? null : CreateSender(key, options);
        return new RegistryClient(Rpc, Deployment.Contracts.Registry, new TokenClient(Rpc, Deployment.Contracts.StakeToken, sender, Reverts), sender, Reverts, Events);
    }

    /// <summary>A market client; read-only without <paramref name="key"/>.</summary>
    public MarketClient Market(WalletKey? key = null, TransactionOptions? options = null)
    {
        var sender = key is null ? null : CreateSender(key, options);
        var token = new TokenClient(Rpc, Deployment.Contracts.StakeToken, sender, Reverts);
        return new MarketClient(Rpc, Deployment.Contracts.Market, token, key, Deployment.ChainId, sender, Reverts, Events);
    }

    /// <summary>A stream of registry and market events from the deployment block, with the configured confirmations.</summary>
    public ChainEventStream EventStream(string name, ChainCursorStore store) =>
        new(Rpc, Events, store, new ChainEventStreamOptions
        {
            Name = name,
            StartBlock = Deployment.DeploymentBlock,
            Confirmations = Options.Confirmations,
            PollInterval = Options.PollInterval,
        }, _loggers.CreateLogger<ChainEventStream>(), Metrics);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsRpc)
        {
            Rpc.Dispose();
        }
    }

    private static void ThrowIfInvalid(ChainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ChainConfigurationException(problems);
        }
    }

    /// <summary>
    /// Every fallback endpoint that answers must be the same chain: transactions are broadcast to all of them and reads
    /// fail over to them. One that does not answer now is not a problem (that is what fallbacks are for).
    /// </summary>
    private static async Task AddFallbackProblemsAsync(ChainOptions options, List<string> problems, CancellationToken cancellationToken)
    {
        var fallbacks = options.FallbackRpcUrls ?? [];
        for (var index = 0; index < fallbacks.Count; index++)
        {
            using var endpoint = new EthereumRpc(fallbacks[index], options.RequestTimeout);
            try
            {
                var chainId = await endpoint.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
                if (chainId != options.ChainId)
                {
                    problems.Add($"FallbackRpcUrls:{index} {fallbacks[index]} is chain {chainId} but ChainId is {options.ChainId}; every endpoint must serve the same chain.");
                }
            }
            catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or RpcResponseFormatException)
            {
                // Down for now: reads skip it and broadcasts tolerate it until it answers.
            }
        }
    }

    private static async Task CheckChainAsync(ChainOptions options, DeploymentInfo deployment, EthereumRpc rpc, CancellationToken cancellationToken)
    {
        ulong chainId;
        try
        {
            chainId = await rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or RpcResponseFormatException)
        {
            throw new ChainConfigurationException([$"The RPC endpoint {options.RpcUrl} is unreachable or not an Ethereum node ({exception.Message}); start the node or fix RpcUrl."], exception);
        }

        var problems = new List<string>();
        if (chainId != options.ChainId)
        {
            problems.Add($"The node at {rpc.Client.PreferredEndpoint} is chain {chainId} but ChainId is {options.ChainId}; point RpcUrl at the right chain or fix ChainId.");
        }

        await AddFallbackProblemsAsync(options, problems, cancellationToken).ConfigureAwait(false);

        if (deployment.ChainId != options.ChainId)
        {
            problems.Add($"{options.DeploymentFile} is for chain {deployment.ChainId}, not {options.ChainId}; use deployments/{options.ChainId}.json.");
        }

        foreach (var (name, address) in new[] { ("stakeToken", deployment.Contracts.StakeToken), ("registry", deployment.Contracts.Registry), ("market", deployment.Contracts.Market) })
        {
            if (problems.Count == 0 && await rpc.GetCodeAsync(address, cancellationToken).ConfigureAwait(false) is "0x" or "0x0")
            {
                problems.Add($"No contract at the {name} address {address} on chain {chainId}; the chain was reset since deployment — deploy again.");
            }
        }

        if (problems.Count > 0)
        {
            throw new ChainConfigurationException(problems);
        }
    }
}
