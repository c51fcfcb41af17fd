namespace DePinGpu.TenantCli.Demo;

/// <summary>The demo's outcome (<c>depin demo -o json</c>; the recovery benchmark reads it).</summary>
/// <param name="Passed">Every check held.</param>
/// <param name="OrderId">The order.</param>
/// <param name="LeaseId">The lease.</param>
/// <param name="KilledNode">The node killed.</param>
/// <param name="Recovery">The recovery's durations.</param>
/// <param name="Timeline">The moments (ISO times).</param>
/// <param name="Money">The money (wei as decimal strings).</param>
/// <param name="Checks">Every check.</param>
/// <param name="Chart">The PNG written (empty when none).</param>
internal sealed record DemoResult(
    bool Passed,
    string OrderId,
    string LeaseId,
    string KilledNode,
    RecoveryMeasures Recovery,
    IReadOnlyDictionary<string, DateTimeOffset?> Timeline,
    IReadOnlyDictionary<string, string> Money,
    IReadOnlyList<DemoCheck> Checks,
    string Chart);
