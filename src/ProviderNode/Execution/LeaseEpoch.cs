using System.Globalization;
using System.Numerics;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>A lease at one epoch: every workload belongs to exactly one, and is killed when the lease moves on.</summary>
/// <param name="LeaseId">The on-chain lease id.</param>
/// <param name="Epoch">The lease's epoch at this provider.</param>
public readonly record struct LeaseEpoch(BigInteger LeaseId, ulong Epoch)
{
    /// <summary>The lease id in decimal, as the workload and the container labels see it.</summary>
    public string LeaseIdText => LeaseId.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"lease {LeaseId} epoch {Epoch}");
}
