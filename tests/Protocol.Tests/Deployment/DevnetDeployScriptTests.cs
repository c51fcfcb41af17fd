using System.Diagnostics;
using System.Numerics;
using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.TestSupport;

namespace DePinGpu.Protocol.Tests.Deployment;

/// <summary>
/// <c>scripts/devnet.sh</c> deploys through <c>scripts/devnet/deploy.mjs</c> (ethers), not through
/// <see cref="DePinGpu.Protocol.Deployment.ContractsDeployer"/>: the file it writes must be one the C# side reads, and
/// its addresses and parameters must be what is on the chain.
/// </summary>
public sealed class DevnetDeployScriptTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task DevnetDeployScript_WritesAFileTheProtocolConnectionAccepts_WithTheDevnetParametersOnChain()
    {
        await using var anvil = await AnvilChain.StartAsync();
        var directory = Path.Combine(Path.GetTempPath(), "depin-devnet-" + Guid.NewGuid().ToString("N"));
        var file = Path.Combine(directory, "31337.json");
        try
        {
            await RunDeployScriptAsync(anvil.RpcUrl, file);

            var options = new ChainOptions { RpcUrl = anvil.RpcUrl, ChainId = AnvilChain.ChainId, DeploymentFile = file, Confirmations = 0 };
            using var connection = await ProtocolConnection.ConnectAsync(options, null, CancellationToken.None);

            var written = connection.Deployment.Parameters;
            Assert.Equal(2UL, written.HeartbeatInterval);
            Assert.Equal(6UL, written.HeartbeatTimeout);
            Assert.Equal(60UL, written.UnbondingPeriod);
            var registry = await connection.Registry().GetParametersAsync(CancellationToken.None);
            Assert.Equal(TimeSpan.FromSeconds(written.HeartbeatTimeout), registry.HeartbeatTimeout);
            Assert.Equal(TimeSpan.FromSeconds(written.UnbondingPeriod), registry.UnbondingPeriod);
            Assert.Equal(written.MinStakePerGpu, registry.MinStakePerGpu);
            var market = await connection.Market().GetParametersAsync(CancellationToken.None);
            Assert.Equal(written.MinorSlashBps, market.MinorSlashBps);
            Assert.Equal(written.MinPrepaidSeconds, market.MinPrepaidSeconds);
            Assert.Equal(written.SlashBps, market.SlashBps);

            var balance = await connection.Token().BalanceOfAsync(anvil.Accounts[9].Address, CancellationToken.None);
            Assert.Equal(BigInteger.Pow(10, 24), balance);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task RunDeployScriptAsync(Uri rpcUrl, string file)
    {
        var info = new ProcessStartInfo(RepositoryPaths.Node)
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(RepositoryPaths.Root, "scripts", "devnet", "deploy.mjs"), "--rpc", rpcUrl.ToString(), "--out", file, "--fund", "10" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"deploy.mjs exited with {process.ExitCode}: {await errors} {await output}");
    }
}
