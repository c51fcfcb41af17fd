namespace DePinGpu.ProviderNode.Drain;

/// <summary>The drain as <c>GET /admin/drain</c> reports it.</summary>
/// <param name="State">Idle, draining or finished.</param>
/// <param name="Leases">Each lease the drain handles, in the order it started on them, as it stands now.</param>
/// <param name="History">Every step of every lease in the order they happened (what <c>depin-node drain</c> prints).</param>
public sealed record DrainReport(DrainState State, IReadOnlyList<DrainLeaseProgress> Leases, IReadOnlyList<DrainLeaseProgress> History);
