using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Deployment;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.ProviderNode.Bench;

/// <summary>
/// anvil with <c>--block-time</c> (a devnet with real blocks) and the contracts deployed with devnet parameters, or with
/// production-like ones (<c>deployments/parameters/production.json</c>'s timing: heartbeat 60 s, timeout 180 s).
/// </summary>
internal sealed class BenchDevnet : IAsyncDisposable
{
    private static readonly TransactionOptions Sends = new() { ReceiptPollInterval = TimeSpan.FromMilliseconds(50) };

    private BenchDevnet(AnvilChain anvil, ProtocolConnection connection, string directory, int blockSeconds, bool production)
    {
        Production = production;
        Anvil = anvil;
        Connection = connection;
        Directory = directory;
        BlockSeconds = blockSeconds;
    }

    public AnvilChain Anvil { get; }

    public ProtocolConnection Connection { get; }

    public string Directory { get; }

    public int BlockSeconds { get; }

    /// <summary>True when deployed with the production timing: its nodes are configured with the defaults too.</summary>
    public bool Production { get; }

    public static async Task<BenchDevnet> StartAsync(int blockSeconds, bool production = false)
    {
        var anvil = await AnvilChain.StartAsync("--block-time", blockSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var directory = Path.Combine(Path.GetTempPath(), "depin-node-bench-" + Guid.NewGuid().ToString("N")[..10]);
        var sender = new TransactionSender(anvil.Rpc, anvil.Accounts[0], AnvilChain.ChainId, ContractErrors.CreateDecoder(), Sends);
        var devnet = DeploymentParameters.Devnet(anvil.Accounts[0].Address);
        var parameters = production
            ? devnet with { HeartbeatInterval = 60, HeartbeatTimeout = 180, StartDeadline = 600, UnbondingPeriod = 1_209_600, JailPeriod = 86_400, MinorSlashBps = 200, ProtocolFeeBps = 100 }
            : devnet;
        var info = await new ContractsDeployer(anvil.Rpc, sender).DeployAsync(parameters, null, CancellationToken.None);
        var file = await DeploymentFile.WriteAsync(directory, info, CancellationToken.None);
        var connection = await ProtocolConnection.ConnectAsync(
            new ChainOptions { RpcUrl = anvil.RpcUrl, ChainId = AnvilChain.ChainId, DeploymentFile = file, Confirmations = 0 }, null, CancellationToken.None);
        return new BenchDevnet(anvil, connection, directory, blockSeconds, production);
    }

    public MarketClient Market(WalletKey key) => Connection.Market(key, Sends);

    public RegistryClient Registry(WalletKey key) => Connection.Registry(key, Sends);

    /// <summary>A fresh key with ether and <paramref name="tokens"/> whole tokens.</summary>
    public async Task<WalletKey> FundedKeyAsync(int tokens)
    {
        var key = WalletKey.Generate();
        await Anvil.CallAsync("anvil_setBalance", key.Address, "0x3635C9ADC5DEA00000");
        if (tokens > 0)
        {
            await Connection.Token(Anvil.Accounts[0], Sends).MintAsync(key.Address, BigInteger.Pow(10, 18) * tokens, CancellationToken.None);
        }

        return key;
    }

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await Anvil.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
