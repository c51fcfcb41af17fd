using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Deployment;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.Protocol.Tests.Support;

/// <summary>
/// A real anvil chain with the DePinGpu contracts deployed by <see cref="ContractsDeployer"/> (devnet parameters),
/// a deployment file on disk and a checked <see cref="ProtocolConnection"/>.
/// </summary>
public sealed class ProtocolChain : IAsyncDisposable
{
    /// <summary>One token, 18 decimals.</summary>
    public static readonly BigInteger Token = BigInteger.Pow(10, 18);

    private readonly string _directory;

    private ProtocolChain(AnvilChain anvil, ProtocolConnection connection, string directory)
    {
        Anvil = anvil;
        Connection = connection;
        _directory = directory;
    }

    public AnvilChain Anvil { get; }

    public ProtocolConnection Connection { get; }

    public DeploymentInfo Deployment => Connection.Deployment;

    /// <summary>Fast polling for tests.</summary>
    public static TransactionOptions FastSends { get; } = new() { ReceiptPollInterval = TimeSpan.FromMilliseconds(10) };

    /// <summary>The admin/deployer key (anvil account 0).</summary>
    public WalletKey Admin => Anvil.Accounts[0];

    public static Task<ProtocolChain> StartAsync() => StartAsync(parameters => parameters);

    /// <summary>Starts a chain whose devnet parameters <paramref name="adjust"/> changes (a longer heartbeat timeout, say).</summary>
    public static async Task<ProtocolChain> StartAsync(Func<DeploymentParameters, DeploymentParameters> adjust)
    {
        ArgumentNullException.ThrowIfNull(adjust);
        var anvil = await AnvilChain.StartAsync();
        var directory = Path.Combine(Path.GetTempPath(), "depin-chain-" + Guid.NewGuid().ToString("N"));
        var sender = new TransactionSender(anvil.Rpc, anvil.Accounts[0], AnvilChain.ChainId, ContractErrors.CreateDecoder(), FastSends);
        var info = await new ContractsDeployer(anvil.Rpc, sender).DeployAsync(adjust(DeploymentParameters.Devnet(anvil.Accounts[0].Address)), null, CancellationToken.None);
        var file = await DeploymentFile.WriteAsync(directory, info, CancellationToken.None);
        var connection = await ProtocolConnection.ConnectAsync(
            new ChainOptions { RpcUrl = anvil.RpcUrl, ChainId = AnvilChain.ChainId, DeploymentFile = file, Confirmations = 0 },
            null,
            CancellationToken.None);
        return new ProtocolChain(anvil, connection, directory);
    }

    public RegistryClient Registry(WalletKey key) => Connection.Registry(key, FastSends);

    public MarketClient Market(WalletKey key) => Connection.Market(key, FastSends);

    /// <summary>A fresh key holding ether and <paramref name="tokens"/> whole tokens.</summary>
    public async Task<WalletKey> FundedKeyAsync(int tokens = 100_000)
    {
        var key = WalletKey.Generate();
        await Anvil.CallAsync("anvil_setBalance", key.Address, "0x3635C9ADC5DEA00000");
        if (tokens > 0)
        {
            await Connection.Token(Admin, FastSends).MintAsync(key.Address, Token * tokens, CancellationToken.None);
        }

        return key;
    }

    /// <summary>Registers a provider (new owner and operator keys) with <paramref name="gpus"/> GPUs and twice the minimum stake.</summary>
    public async Task<TestProvider> RegisterProviderAsync(uint gpus = 1, string model = "RTX4090")
    {
        var owner = await FundedKeyAsync();
        var operatorKey = await FundedKeyAsync(tokens: 0);
        var stake = Deployment.Parameters.MinStakePerGpu * gpus * 2;
        await Registry(owner).RegisterAsync(operatorKey, model, gpus, 24, TestCids.Raw(0), stake, CancellationToken.None);
        return new TestProvider(owner, operatorKey, Registry(operatorKey), Market(operatorKey));
    }

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await Anvil.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

/// <summary>A registered provider: cold owner key, hot operator key and the operator's clients.</summary>
public sealed record TestProvider(WalletKey Owner, WalletKey Operator, RegistryClient Registry, MarketClient Market)
{
    public string Address => Owner.Address;
}
