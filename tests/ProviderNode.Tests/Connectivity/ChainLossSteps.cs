using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;
using DePinGpu.TestSupport.Faults;
using Xunit.Abstractions;
namespace DePinGpu.ProviderNode.Tests.Connectivity;

/// <summary>The steps the chain-loss tests share: a tenant's lease running a shell-loop workload, reads of the chain and of the node.</summary>
internal static class ChainLossSteps
{
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    internal static async Task<(MarketClient Market, BigInteger LeaseId, WalletKey Tenant)> LeaseRunningAsync(
        ProtocolChain chain, DevnetNode node, string onChainLoss, IReadOnlyDictionary<string, string>? environment = null, int? restartExitCode = null)
    {
        var tenant = await chain.FundedKeyAsync();
        var market = chain.Market(tenant);
        var spec = Encoding.UTF8.GetBytes(SpecJson(onChainLoss, environment ?? new Dictionary<string, string>(), restartExitCode));
        var maxPrice = new BigInteger(5000);
        var orderId = await market.CreateOrderAsync(
            new OrderRequest(Cid.ForBlock(MulticodecCode.Raw, spec), OrderKind.Stateful, "RTX4090", 0, 1, 1, 1, maxPrice, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), maxPrice * 3600),
            CancellationToken.None);
        using var http = new HttpClient { BaseAddress = node.Api };
        await Until(async () =>
        {
            using var response = await http.PostAsync(new Uri("/uploads", UriKind.Relative), new ByteArrayContent(spec));
            return response.StatusCode == HttpStatusCode.Created;
        }, "the node accepts the spec");
        await Until(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == 1, "the node offers");
        var leaseId = (await market.FinalizeOrderAsync(orderId, CancellationToken.None)).FirstLeaseId;
        await Until(async () => (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.State == LeaseState.Running, "the node acknowledges");
        return (market, leaseId, tenant);
    }

    internal static async Task<ulong> CommittedStepAsync(MarketClient market, BigInteger leaseId, ulong atLeast)
    {
        await Until(async () => (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.CheckpointStep >= atLeast, $"step {atLeast} is committed");
        return (await market.GetLeaseAsync(leaseId, CancellationToken.None))!.CheckpointStep;
    }

    internal static async Task<IReadOnlyList<ulong>> CommittedStepsAsync(ProtocolChain chain, BigInteger leaseId)
    {
        var head = await chain.Anvil.Rpc.GetBlockNumberAsync(CancellationToken.None);
        var logs = await chain.Anvil.Rpc.GetLogsAsync(new LogFilter(0, head, [chain.Deployment.Contracts.Market], []), CancellationToken.None);
        return chain.Connection.Events.DecodeAll(logs).OfType<CheckpointCommitted>().Where(commit => commit.LeaseId == leaseId).Select(commit => commit.Step).ToArray();
    }

    /// <summary>Waits, on the clock the contract uses, until a whole heartbeat timeout has passed since the last mined heartbeat.</summary>
    internal static async Task PastTheHeartbeatTimeoutAsync(ProtocolChain chain, DevnetNode node)
    {
        var registry = chain.Connection.Registry();
        var last = (await registry.GetProviderAsync(node.Owner.Address, CancellationToken.None))!.LastHeartbeat;
        var timeout = (await registry.GetParametersAsync(CancellationToken.None)).HeartbeatTimeout;
        await Until(() => Task.FromResult(DateTimeOffset.UtcNow > last + timeout + TimeSpan.FromSeconds(1)), "the heartbeat timeout passes");
        Assert.Equal(last, (await registry.GetProviderAsync(node.Owner.Address, CancellationToken.None))!.LastHeartbeat);
    }

    internal static IEnumerable<ulong> LocalCheckpointSteps(DevnetNode node, BigInteger leaseId)
    {
        var workloads = Path.Combine(node.Directory, "data", "workloads");
        return Directory.Exists(workloads)
            ? Directory.EnumerateDirectories(workloads, $"{leaseId}-*")
                .SelectMany(folder => Directory.Exists(Path.Combine(folder, "checkpoints")) ? Directory.EnumerateDirectories(Path.Combine(folder, "checkpoints"), "step-*") : [])
                .Where(step => File.Exists(Path.Combine(step, ".complete")))
                .Select(step => ulong.Parse(Path.GetFileName(step)["step-".Length..], CultureInfo.InvariantCulture))
            : [];
    }

    /// <summary>The workload's output as the tenant reads it from the node (a request signed with the tenant's key).</summary>
    internal static async Task<string> LogsAsync(ProtocolChain chain, WalletKey tenant, DevnetNode node, BigInteger leaseId)
    {
        var target = $"/leases/{leaseId}/logs";
        using var http = new HttpClient { BaseAddress = node.Api };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target, UriKind.Relative));
        foreach (var (name, value) in TenantRequestSigner.Sign(tenant, chain.Deployment.ChainId, "GET", target, DateTimeOffset.UtcNow.AddMinutes(1)))
        {
            request.Headers.Add(name, value);
        }

        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return string.Empty;
        }

        var lines = await response.Content.ReadFromJsonAsync<JsonElement>();
        return string.Join('\n', lines.EnumerateArray().Select(line => line.GetProperty("text").GetString()));
    }

    internal static async Task<string?> NodeLeaseStatusAsync(DevnetNode node, BigInteger leaseId) =>
        (await node.LeasesAsync()).EnumerateArray()
            .Where(lease => lease.GetProperty("leaseId").GetString() == leaseId.ToString(CultureInfo.InvariantCulture))
            .Select(lease => lease.GetProperty("status").GetString())
            .FirstOrDefault();

    /// <summary>The <c>chain</c> part of the node's <c>/status</c>: state, since, endpoint, mayCommit, lastMinedHeartbeat.</summary>
    internal static async Task<System.Text.Json.JsonElement> NodeChainStatusAsync(DevnetNode node)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var status = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(http, new Uri(node.Api, "/status"));
        return status.GetProperty("chain");
    }

    internal static async Task EndLeaseAsync(MarketClient market, DevnetNode node, BigInteger leaseId)
    {
        await market.CloseLeaseAsync(leaseId, CancellationToken.None);
        await Until(async () => (await node.LeasesAsync()).EnumerateArray().Any(lease => lease.GetProperty("leaseId").GetString() == leaseId.ToString(CultureInfo.InvariantCulture)
            && lease.GetProperty("status").GetString() is "Closed" or "HandedOver"), "the node ends the lease and kills its workload");
    }

    internal static string SpecJson(string onChainLoss, IReadOnlyDictionary<string, string> environment, int? restartExitCode)
    {
        var env = new JsonObject { ["LOOP_STEPS"] = "100000", ["LOOP_CHECKPOINT_EVERY"] = "2", ["LOOP_STEP_SECONDS"] = "0.25" };
        foreach (var (name, value) in environment)
        {
            env[name] = value;
        }

        var spec = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["runtime"] = "process",
            ["command"] = new JsonArray("/bin/sh", ShellLoopSpecs.Script),
            ["env"] = env,
            ["gracePeriodSeconds"] = 5,
            ["onChainLoss"] = onChainLoss,
        };
        if (restartExitCode is { } code)
        {
            spec["restartExitCode"] = code;
        }

        return spec.ToJsonString();
    }

    internal static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(200);
        }
    }
}
