using DePinGpu.Protocol.Tests.Support;

namespace DePinGpu.Chaos.Tests.Faults;

/// <summary>Faults of the chain itself, through anvil's own calls: reorgs, snapshots and reverts, mining control.</summary>
public static class ChainFaults
{
    /// <summary>Replaces the latest <paramref name="depth"/> blocks with as many empty ones (anvil_reorg): their transactions are gone.</summary>
    public static async Task ReorgAsync(AnvilChain anvil, ulong depth, FaultLog faults)
    {
        ArgumentNullException.ThrowIfNull(anvil);
        ArgumentNullException.ThrowIfNull(faults);
        await anvil.CallAsync("anvil_reorg", (long)depth, Array.Empty<object>()); // the RPC client serializes long, not ulong
        faults.Add(FaultLog.Chain, FaultKind.ChainReorged);
    }

    /// <summary>Drops every block after <paramref name="snapshot"/> (evm_revert), then mines one so the chain moves on.</summary>
    public static async Task RevertAsync(AnvilChain anvil, string snapshot, FaultLog faults)
    {
        ArgumentNullException.ThrowIfNull(anvil);
        ArgumentNullException.ThrowIfNull(faults);
        await anvil.RevertAsync(snapshot);
        await anvil.MineAsync();
        faults.Add(FaultLog.Chain, FaultKind.ChainReorged);
    }

    /// <summary>Stops mining transactions as they come (a stalled chain) or resumes it.</summary>
    public static Task SetMiningAsync(AnvilChain anvil, bool enabled) =>
        (anvil ?? throw new ArgumentNullException(nameof(anvil))).SetAutomineAsync(enabled);

    /// <summary>The latest block number.</summary>
    public static async Task<ulong> HeadAsync(AnvilChain anvil) =>
        await (anvil ?? throw new ArgumentNullException(nameof(anvil))).Rpc.GetBlockNumberAsync(CancellationToken.None);
}
