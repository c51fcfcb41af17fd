using System.Net;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>How the gateway listens, retries and checks health (docs/cli.md, <c>depin gateway</c>).</summary>
internal sealed record GatewayOptions
{
    /// <summary>Where clients connect.</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>Where <c>/metrics</c> is served (a separate port, so the service's own paths stay the service's).</summary>
    public required IPEndPoint MetricsListen { get; init; }

    /// <summary>Attempts per request, the first included (1–10).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The longest a request may keep trying other replicas, from its arrival.</summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Request bodies up to this size are buffered so they can be re-sent; larger ones get one attempt.</summary>
    public int MaxBufferedBodyBytes { get; init; } = 1 << 20;

    /// <summary>Time between active health probes of each replica.</summary>
    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one probe may take.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive failed requests after which a replica is ejected until a probe succeeds.</summary>
    public int EjectAfterFailures { get; init; } = 3;

    /// <summary>Consecutive failed probes after which a replica counts as unhealthy.</summary>
    public int UnhealthyAfterProbes { get; init; } = 2;

    /// <summary>
    /// The slow full re-read of the order's leases, a safety net under the chain-event watch (a missed event, a reorg).
    /// </summary>
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How often the chain is asked for new blocks whose market events may touch the order.</summary>
    public TimeSpan ChainPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>What is wrong with these options, one line each (empty when they are valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxAttempts is < 1 or > 10)
        {
            problems.Add($"--max-attempts is {MaxAttempts}; it must be between 1 and 10.");
        }

        if (MaxBufferedBodyBytes is < 0 or > 64 << 20)
        {
            problems.Add($"--max-body-bytes is {MaxBufferedBodyBytes}; it must be between 0 and {64 << 20}.");
        }

        if (RetryBudget <= TimeSpan.Zero || RetryBudget > TimeSpan.FromMinutes(10))
        {
            problems.Add($"The retry budget is {RetryBudget}; it must be above zero and at most 10 minutes.");
        }

        if (HealthInterval < TimeSpan.FromMilliseconds(100) || HealthTimeout <= TimeSpan.Zero || EjectAfterFailures < 1 || UnhealthyAfterProbes < 1)
        {
            problems.Add("Health checks need an interval of at least 100 ms, a positive timeout and thresholds of at least 1.");
        }

        if (ReconcileInterval < TimeSpan.FromSeconds(1) || ReconcileInterval > TimeSpan.FromHours(1))
        {
            problems.Add($"--reconcile-interval is {ReconcileInterval.TotalSeconds} s; it must be between 1 and 3600 seconds.");
        }

        if (ChainPollInterval < TimeSpan.FromMilliseconds(50) || ChainPollInterval > TimeSpan.FromMinutes(1))
        {
            problems.Add($"The chain poll interval is {ChainPollInterval}; it must be between 50 ms and 1 minute.");
        }

        if (Listen.Port == MetricsListen.Port && Listen.Address.Equals(MetricsListen.Address))
        {
            problems.Add($"--listen and --metrics-listen are both {Listen}; they must differ.");
        }

        return problems;
    }
}
