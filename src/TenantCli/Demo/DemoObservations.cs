using System.Numerics;
using DePinGpu.Protocol.Events;

namespace DePinGpu.TenantCli.Demo;

/// <summary>Everything the demo saw while the job ran: chain events, the training job's lines, the kill.</summary>
internal sealed class DemoObservations
{
    /// <summary>The order.</summary>
    public BigInteger OrderId { get; set; }

    /// <summary>The lease.</summary>
    public BigInteger LeaseId { get; set; }

    /// <summary>The market's events for this order and lease, oldest first, with their block times.</summary>
    public List<(ChainEvent Event, DateTimeOffset BlockTime)> Events { get; } = [];

    /// <summary>Loss lines from every node that ran the job.</summary>
    public List<LossPoint> Losses { get; } = [];

    /// <summary>The moments of the failover.</summary>
    public DemoTimeline Timeline { get; } = new();

    /// <summary>The node that was killed (provider-N).</summary>
    public string? KilledNode { get; set; }

    /// <summary>Its owner address.</summary>
    public string? KilledOwner { get; set; }

    /// <summary>Checkpoints committed at epoch 0 when the kill was sent.</summary>
    public int CommitsBeforeKill { get; set; }

    /// <summary>The highest step the killed node's workload was seen at.</summary>
    public long LastStepBeforeKill { get; set; }

    /// <summary>The step named by the standby's <c>resumed from step=N</c> line.</summary>
    public long? ResumedFromStep { get; set; }

    /// <summary>The first step the standby's workload trained (its <c>start … first_step=N</c> line).</summary>
    public long? FirstStepAfterResume { get; set; }

    /// <summary>The step of the workload's <c>done</c> line.</summary>
    public long? DoneStep { get; set; }

    /// <summary>The standby queue at finalize (OrderFinalized).</summary>
    public IReadOnlyList<string> Standbys { get; set; } = [];

    /// <summary>The events of type <typeparamref name="T"/>, with their block times.</summary>
    public IEnumerable<(T Event, DateTimeOffset BlockTime)> Of<T>() where T : ChainEvent =>
        Events.Where(entry => entry.Event is T).Select(entry => ((T)entry.Event, entry.BlockTime));
}
