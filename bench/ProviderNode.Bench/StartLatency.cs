using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Bench;

/// <summary>
/// Finalize → workload running: the tenant finalizes an order the node offered on; the clock starts when the finalize
/// receipt arrives (the block is mined). Two moments are taken: the workload's process start (from the kernel, see
/// <see cref="WorkloadProcesses"/>), and the node's <c>/leases</c> first showing the lease Running, which needs the
/// acknowledgement mined as well (polled every 50 ms: the node's API allows a client 20 requests a second). In between:
/// the node's event stream sees the assignment, reads the order and starts the workload while its acknowledgement is
/// sent (one block).
/// </summary>
internal static class StartLatency
{
    public static async Task<(TimeSpan WorkloadStarted, TimeSpan Running)> MeasureAsync(MarketClient tenant, BenchNode node, byte[] spec, HttpClient http)
    {
        var price = new BigInteger(5000);
        var orderId = await tenant.CreateOrderAsync(
            new OrderRequest(Cid.ForBlock(MulticodecCode.Raw, spec), OrderKind.Stateful, "RTX4090", 0, 1, 1, 0, price, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), price * 3600),
            CancellationToken.None);
        await UntilAsync(async () =>
        {
            using var response = await http.PostAsync(new Uri(node.Api, "/uploads"), new ByteArrayContent(spec));
            return response.StatusCode == HttpStatusCode.Created;
        }, TimeSpan.FromMilliseconds(100));
        await UntilAsync(async () => (await tenant.GetOffersAsync(orderId, CancellationToken.None)).Count == 1, TimeSpan.FromMilliseconds(100));
        var leaseId = (await tenant.FinalizeOrderAsync(orderId, CancellationToken.None)).FirstLeaseId.ToString(CultureInfo.InvariantCulture);
        var finalized = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        DateTime? started = null;
        await UntilAsync(async () =>
        {
            started ??= WorkloadProcesses.StartedAt(leaseId);
            return started is not null && (await node.LeasesAsync(http)).Any(lease => lease.LeaseId == leaseId && lease.Status == "Running");
        }, TimeSpan.FromMilliseconds(50));
        return (started!.Value - finalized, clock.Elapsed);
    }

    /// <summary>A Stateful spec that runs until stopped (shell-loop, no checkpoints).</summary>
    public static byte[] Spec(string? dockerImage)
    {
        var env = new JsonObject { ["LOOP_STEPS"] = "1000000", ["LOOP_CHECKPOINT_EVERY"] = "1000000", ["LOOP_STEP_SECONDS"] = "1" };
        var spec = dockerImage is null
            ? new JsonObject { ["schemaVersion"] = 1, ["runtime"] = "process", ["command"] = new JsonArray("/bin/sh", Path.Combine(DePinGpu.TestSupport.RepositoryPaths.Root, "samples", "shell-loop", "run.sh")), ["env"] = env }
            : new JsonObject { ["schemaVersion"] = 1, ["runtime"] = "docker", ["image"] = dockerImage, ["resources"] = new JsonObject { ["cpus"] = 0.2, ["memoryMiB"] = 32 }, ["env"] = env };
        return Encoding.UTF8.GetBytes(spec.ToJsonString());
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan poll)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The benchmark step did not finish within 2 minutes.");
            }

            await Task.Delay(poll);
        }
    }
}
