using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Chaos.Tests.Faults;

/// <summary>Faults of the chain itself, through anvil's own calls: snapshots and reverts (reorgs), mining control.</summary>
public static class ChainFaults
{
    /// <summary>Marks the chain as it is now (evm_snapshot); <see cref="ReorgAsync"/> goes back to it.</summary>
    public static Task<string> SnapshotAsync(AnvilChain anvil) => (anvil ?? throw new ArgumentNullException(nameof(anvil))).SnapshotAsync();

    /// <summary>
    /// A reorg: drops every block after <paramref name="snapshot"/> (evm_revert; their transactions are gone, not put
    /// back in the pool), then mines empty blocks until the new branch is one block longer than the dropped one, as a
    /// real reorg's winning branch is — so a reader that reached the old head sees a different block at its height (a
    /// branch that stayed shorter would look like a node that is behind). The new blocks carry the current time, not the
    /// snapshot's. Returns the new head.
    /// </summary>
    /// <remarks>
    /// anvil_reorg(depth, []) on this anvil replaced nothing (the report's block kept its hash, run of 2026-12-03), so
    /// the reorg is made of a revert and new blocks, mined one at a time (evm_mine).
    /// </remarks>
    public static async Task<ulong> ReorgAsync(AnvilChain anvil, string snapshot, FaultLog faults)
    {
        ArgumentNullException.ThrowIfNull(anvil);
        ArgumentNullException.ThrowIfNull(faults);
        var droppedHead = await HeadAsync(anvil);
        var reverted = await anvil.CallAsync("evm_revert", snapshot);
        if (!reverted.GetBoolean())
        {
            throw new InvalidOperationException($"evm_revert to snapshot {snapshot} was refused.");
        }

        // evm_revert also puts anvil's clock back to the snapshot's block and keeps that offset: every later block of
        // the shared chain would be stamped seconds behind the wall clock (the time the dropped branch lasted). That
        // made a checkpoint committed after the reorg look older than the hand-over to the checker, and ate the slack
        // of the next scenario's heartbeat timeout. A real reorg's new blocks carry the current time.
        await anvil.CallAsync("anvil_setTime", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        faults.Add(FaultLog.Chain, FaultKind.ChainReorged);
        while (await HeadAsync(anvil) <= droppedHead)
        {
            await anvil.CallAsync("evm_mine");
        }

        return await HeadAsync(anvil);
    }

    /// <summary>Stops mining transactions as they come (a stalled chain) or resumes it.</summary>
    public static Task SetMiningAsync(AnvilChain anvil, bool enabled) =>
        (anvil ?? throw new ArgumentNullException(nameof(anvil))).SetAutomineAsync(enabled);

    /// <summary>The latest block number.</summary>
    public static async Task<ulong> HeadAsync(AnvilChain anvil) =>
        await (anvil ?? throw new ArgumentNullException(nameof(anvil))).Rpc.GetBlockNumberAsync(CancellationToken.None);
}
