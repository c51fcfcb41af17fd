namespace DePinGpu.Chaos.Tests.Checking;

/// <summary>
/// The time bounds the checker holds the cluster to. They are generous because the suite runs on a loaded 2-core
/// machine beside others; docs/reliability.md gives the times measured.
/// </summary>
/// <param name="NoHolder">The longest a running lease may go without any holder making a step (detection + hand-over + start).</param>
/// <param name="Stop">How long an old holder may keep making steps once it could know of the hand-over (awake and on the chain).</param>
/// <param name="HeartbeatTimeout">The registry's heartbeat timeout (a provider reported sooner was on time).</param>
public sealed record CheckerBounds(TimeSpan NoHolder, TimeSpan Stop, TimeSpan HeartbeatTimeout);
