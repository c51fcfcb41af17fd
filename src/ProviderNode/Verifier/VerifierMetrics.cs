using System.Diagnostics.Metrics;

namespace DePinGpu.ProviderNode.Verifier;

/// <summary>The verifier's meters (meter <c>DePinGpu.ProviderNode.Verifier</c>).</summary>
public sealed class VerifierMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "DePinGpu.ProviderNode.Verifier";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _won;
    private readonly Counter<long> _lost;
    private readonly Counter<long> _closed;
    private readonly Gauge<int> _watched;

    /// <summary>Creates the meters through <paramref name="meters"/>.</summary>
    public VerifierMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _sent = meter.CreateCounter<long>("depin_verifier_reports_sent", description: "Report transactions sent (one per batch).");
        _won = meter.CreateCounter<long>("depin_verifier_reports_won", description: "Leases this verifier reported (it earned their finder's fee).");
        _lost = meter.CreateCounter<long>("depin_verifier_reports_lost", description: "Leases found reportable that another verifier reported first (or that changed state).");
        _closed = meter.CreateCounter<long>("depin_verifier_leases_closed", description: "Reopened leases past their offer deadline closed by this verifier.");
        _watched = meter.CreateGauge<int>("depin_verifier_leases_watched", description: "Leases not closed that the verifier watches.");
    }

    /// <summary>Counts a report transaction.</summary>
    public void ReportSent() => _sent.Add(1);

    /// <summary>Counts leases reported by us.</summary>
    public void ReportsWon(int leases) => _won.Add(leases);

    /// <summary>Counts leases another verifier reported first.</summary>
    public void ReportsLost(int leases) => _lost.Add(leases);

    /// <summary>Counts a lease closed by us.</summary>
    public void LeaseClosed() => _closed.Add(1);

    /// <summary>Records how many leases are watched.</summary>
    public void Watching(int leases) => _watched.Record(leases);
}
