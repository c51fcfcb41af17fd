using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.ProviderNode.Tests.Support;

/// <summary>
/// The provider's whole path, shared by the Process and Docker end-to-end tests: two registered nodes bid, the cheap
/// one wins, runs the spec (three checkpoints, exit 0), commits each with the right CID, completes the lease, and its
/// owner withdraws exactly what the market owes.
/// </summary>
public static class HappyPathScenario
{
    /// <summary>Registers both nodes with <c>depin-node register</c>.</summary>
    public static async Task RegisterAsync(ProtocolChain chain, params DevnetNode[] nodes)
    {
        ArgumentNullException.ThrowIfNull(chain);
        foreach (var node in nodes)
        {
            var register = await NodeCommandLine.RunAsync(DevnetTenant.Patience, "register", "--config", node.ConfigFile, "--owner-keystore", node.OwnerKeystore,
                "--owner-password-file", node.PasswordFile, "--stake", (chain.Deployment.Parameters.MinStakePerGpu * 4).ToString(CultureInfo.InvariantCulture), "-o", "json");
            Assert.True(register.ExitCode == 0, register.Error);
        }
    }

    /// <summary>Orders <paramref name="spec"/>, finalizes once both offered, and returns the lease (the cheap node's).</summary>
    public static async Task<BigInteger> FinalizeAsync(ProtocolChain chain, byte[] spec, DevnetNode cheap, DevnetNode dear)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(cheap);
        var market = chain.Market(await chain.FundedKeyAsync());
        var orderId = await DevnetTenant.OrderAsync(market, spec, OrderKind.Stateful, 1, cheap, dear);
        await DevnetTenant.Until(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == 2, "both nodes offer");
        var leaseId = (await market.FinalizeOrderAsync(orderId, CancellationToken.None)).FirstLeaseId;
        var lease = await market.GetLeaseAsync(leaseId, CancellationToken.None);
        Assert.Equal(cheap.Owner.Address, lease!.Provider, StringComparer.OrdinalIgnoreCase);
        return leaseId;
    }

    /// <summary>Waits for the lease to complete, checks the three commits against the gateway's bytes, withdraws and checks the pay.</summary>
    public static async Task CompletesAndPaysAsync(ProtocolChain chain, BigInteger leaseId, DevnetNode winner, string exportDirectory)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(winner);
        var market = chain.Connection.Market();
        await DevnetTenant.Until(async () => (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.State == LeaseState.Closed, "the lease ends");
        Assert.Equal(LeaseReason.Completed, (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.CloseReason);

        // The workload writes steps 1, 2 and 3; a checkpoint overtaken by a newer one before its commit could be sent is
        // never committed (the node commits the newest), which happens on a loaded machine: so the last
        // (step 3) is always committed, every commit is newer than the one before, and at least two of the three are.
        var commits = await DevnetTenant.CheckpointCommitsAsync(chain, leaseId);
        var steps = commits.Select(commit => commit.Step).ToList();
        Assert.True(steps.Count >= 2 && steps[^1] == 3UL && steps.Zip(steps.Skip(1)).All(pair => pair.First < pair.Second) && steps[0] >= 1UL,
            "committed steps: " + string.Join(", ", steps));
        foreach (var commit in commits)
        {
            var state = await DevnetTenant.ExportStateAsync(winner.Api, commit.Cid!, Path.Combine(exportDirectory, "export-" + commit.Cid));
            Assert.Equal(commit.Step.ToString(CultureInfo.InvariantCulture), state);
        }

        var owed = await market.WithdrawableAsync(winner.Owner.Address, CancellationToken.None);
        Assert.True(owed > 0);
        var before = await chain.Connection.Token().BalanceOfAsync(winner.Owner.Address, CancellationToken.None);
        var withdraw = await NodeCommandLine.RunAsync(DevnetTenant.Patience, "earnings", "withdraw", "--config", winner.ConfigFile, "--owner-keystore", winner.OwnerKeystore,
            "--owner-password-file", winner.PasswordFile, "-o", "json");
        Assert.True(withdraw.ExitCode == 0, withdraw.Error);
        Assert.Equal(owed.ToString(CultureInfo.InvariantCulture), JsonNode.Parse(withdraw.Output)!["amount"]!.GetValue<string>());
        Assert.Equal(before + owed, await chain.Connection.Token().BalanceOfAsync(winner.Owner.Address, CancellationToken.None));
        Assert.Equal(BigInteger.Zero, await market.WithdrawableAsync(winner.Owner.Address, CancellationToken.None));
    }
}
