using DePinGpu.ProviderNode.Leases;

namespace DePinGpu.ProviderNode.Api;

/// <summary>A lease as <c>GET /leases</c> shows it.</summary>
public sealed record LeaseView(string LeaseId, string OrderId, long Epoch, string Status, int Gpus, long? CommittedStep, string? CommittedCid, int? ExitCode, string? Problem, DateTime UpdatedAt)
{
    /// <summary>The view of <paramref name="record"/>.</summary>
    public static LeaseView From(LeaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Id, record.OrderId, record.Epoch, record.Status.ToString(), record.Gpus, record.CommittedStep, record.CommittedCid, record.ExitCode, record.Problem, record.UpdatedAt);
    }
}
