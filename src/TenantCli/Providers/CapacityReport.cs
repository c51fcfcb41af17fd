using System.Numerics;

namespace DePinGpu.TenantCli.Providers;

/// <summary>A provider's capacity as a node heard it on the <c>capacity</c> gossip (or announced it itself).</summary>
/// <param name="Provider">The provider (owner) address, lower-case.</param>
/// <param name="GpuModel">The GPU model.</param>
/// <param name="GpuCount">GPUs rented out.</param>
/// <param name="FreeGpus">GPUs not running a lease.</param>
/// <param name="PricePerGpuSecondWei">Asking price per GPU and second, stake-token wei.</param>
/// <param name="SeenAt">When the reporting node heard it.</param>
/// <param name="ReportedBy">The node API that reported it.</param>
internal sealed record CapacityReport(string Provider, string GpuModel, uint GpuCount, uint FreeGpus, BigInteger PricePerGpuSecondWei, DateTimeOffset SeenAt, Uri ReportedBy);
