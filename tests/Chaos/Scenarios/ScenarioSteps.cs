using DePinGpu.Chaos.Tests.Cluster;
using DePinGpu.Protocol.Model;

namespace DePinGpu.Chaos.Tests.Scenarios;

/// <summary>The waits the scenarios share: a hand-over completed, a lease still making progress.</summary>
internal static class ScenarioSteps
{
    /// <summary>
    /// Waits until <paramref name="lease"/> runs at an epoch of at least <paramref name="minimumEpoch"/> on
    /// <paramref name="holder"/>, its new run made a few steps and committed a checkpoint of its own; returns the epoch.
    /// </summary>
    internal static async Task<uint> HandedOverAsync(ChaosCluster cluster, ScenarioLease lease, uint minimumEpoch, ChaosNode holder)
    {
        await ChaosCluster.UntilAsync(async () => await cluster.LeaseAsync(lease) is { State: LeaseState.Running } now && now.Epoch >= minimumEpoch
            && string.Equals(now.Provider, holder.Address, StringComparison.OrdinalIgnoreCase), $"lease {lease.LeaseId} runs at epoch {minimumEpoch} or later on {holder.Name}");
        var epoch = (await cluster.LeaseAsync(lease)).Epoch;
        var committed = (await cluster.LeaseAsync(lease)).CheckpointStep;
        await ChaosCluster.UntilAsync(
            () => Task.FromResult(cluster.Steps.Of(lease.LeaseId).Any(entry => entry.IsStep && entry.Epoch == epoch && entry.Step >= committed + 4)),
            $"epoch {epoch} makes steps past {committed}");
        await ChaosCluster.UntilAsync(async () => (await cluster.LeaseAsync(lease)).CheckpointStep > committed, $"epoch {epoch} commits past step {committed}");
        return epoch;
    }

    /// <summary>Waits until the lease's workload made <paramref name="steps"/> more steps and the chain committed a newer checkpoint.</summary>
    internal static async Task KeepsProgressingAsync(ChaosCluster cluster, ScenarioLease lease, int steps = 6)
    {
        var from = cluster.Steps.LastStep(lease.LeaseId);
        var committed = (await cluster.LeaseAsync(lease)).CheckpointStep;
        await ChaosCluster.UntilAsync(() => Task.FromResult(cluster.Steps.LastStep(lease.LeaseId) >= from + (ulong)steps), $"lease {lease.LeaseId} makes {steps} more steps");
        await ChaosCluster.UntilAsync(async () => (await cluster.LeaseAsync(lease)).CheckpointStep > committed, $"lease {lease.LeaseId} commits past step {committed}");
    }
}
