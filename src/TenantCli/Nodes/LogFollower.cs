using System.Globalization;
using System.Numerics;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Output;
using DePinGpu.TenantCli.Views;

namespace DePinGpu.TenantCli.Nodes;

/// <summary>
/// Prints a lease's workload output from whichever provider runs it. Following, it polls the chain for the lease's
/// provider and epoch: a hand-over prints a seam and continues from the new provider's node; a node that cannot be
/// reached is retried with back-off; a closed lease is said to be closed, never shown as alive.
/// </summary>
internal sealed class LogFollower
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestBackOff = TimeSpan.FromSeconds(5);

    /// <summary>Followers of several leases (the replicas of a run) write to the same stdout: one line at a time.</summary>
    private static readonly Lock WriteGate = new();

    private readonly MarketClient _market;
    private readonly ProviderDirectory _directory;
    private readonly NodeLogClient _logs;
    private readonly CliEnvironment _environment;
    private readonly OutputMode _mode;

    /// <summary>Creates the follower; nothing is read yet.</summary>
    public LogFollower(MarketClient market, ProviderDirectory directory, NodeLogClient logs, CliEnvironment environment, OutputMode mode)
    {
        _market = market;
        _directory = directory;
        _logs = logs;
        _environment = environment;
        _mode = mode;
    }

    /// <summary>Put before every text line (a run following several replicas names each line's replica); JSON lines carry the lease id instead.</summary>
    public string LinePrefix { get; init; } = string.Empty;

    /// <summary>Prints the lease's output (following until it closes when <paramref name="follow"/>); returns the lease as last seen.</summary>
    public async Task<LeaseDetails> RunAsync(BigInteger leaseId, bool follow, int? tail, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var lease = await GetAsync(leaseId, cancellationToken).ConfigureAwait(false);
        var cursor = new LogCursor(lease.Provider, lease.Epoch);
        var firstBatch = true;
        var backOff = Poll;
        while (true)
        {
            if (lease.Provider is { } provider)
            {
                try
                {
                    var result = await _logs.ReadAsync(await _directory.ApiOfAsync(provider, cancellationToken).ConfigureAwait(false), leaseId, cursor.After, cancellationToken).ConfigureAwait(false);
                    if (result.Status == LogReadStatus.Refused)
                    {
                        throw new CliException($"{provider}'s node refused the log request ({result.Problem}); only the lease's tenant may read its logs: use the wallet that placed the order.", ExitCodes.Wallet);
                    }

                    if (result.Status == LogReadStatus.NotRunning && !follow)
                    {
                        throw new CliException($"Lease {leaseId} is {lease.State}: {provider}'s node runs no workload for it now ({result.Problem}). Use -f to wait for it.", ExitCodes.CheckFailed);
                    }

                    Print(lease, Select(result.Lines, firstBatch, tail, since), cursor);
                    firstBatch = false;
                    backOff = Poll;
                    cursor.Unreachable = false;
                }
                catch (HttpRequestException exception) when (follow)
                {
                    backOff = TimeSpan.FromTicks(Math.Min(backOff.Ticks * 2, LongestBackOff.Ticks));
                    if (!cursor.Unreachable)
                    {
                        _environment.Error.WriteLine($"{LinePrefix}-- {provider}'s node cannot be reached ({exception.Message}); retrying --");
                        cursor.Unreachable = true;
                    }
                }
            }

            if (!follow || lease.State == LeaseState.Closed)
            {
                return lease;
            }

            await Task.Delay(backOff, cancellationToken).ConfigureAwait(false);
            lease = await GetAsync(leaseId, cancellationToken).ConfigureAwait(false);
            if (lease.Provider != cursor.Provider || lease.Epoch != cursor.Epoch)
            {
                Seam(lease, cursor);
                cursor = new LogCursor(lease.Provider, lease.Epoch);
            }
        }
    }

    private static IEnumerable<LogLine> Select(IReadOnlyList<LogLine> lines, bool firstBatch, int? tail, DateTimeOffset? since)
    {
        IEnumerable<LogLine> selected = lines;
        if (since is { } from)
        {
            selected = selected.Where(line => line.Time >= from);
        }

        return firstBatch && tail is { } count ? selected.TakeLast(count) : selected;
    }

    private async Task<LeaseDetails> GetAsync(BigInteger leaseId, CancellationToken cancellationToken) =>
        await _market.GetLeaseAsync(leaseId, cancellationToken).ConfigureAwait(false)
            ?? throw CliException.NotFound($"There is no lease {leaseId}; list yours with `depin lease list`.");

    private void Print(LeaseDetails lease, IEnumerable<LogLine> lines, LogCursor cursor)
    {
        foreach (var line in lines)
        {
            cursor.After = Math.Max(cursor.After, line.Sequence);
            Write(new LogLineView("line", Id(lease.LeaseId), lease.Provider, lease.Epoch, line.Sequence, line.Time, line.IsError ? "stderr" : "stdout", line.Text),
                line.Text);
        }
    }

    private void Seam(LeaseDetails lease, LogCursor previous)
    {
        var text = lease.State == LeaseState.Closed
            ? $"-- lease {lease.LeaseId} closed ({lease.CloseReason}) --"
            : lease.Provider is null
                ? $"-- lease {lease.LeaseId}: {previous.Provider ?? "no provider"} left (epoch {previous.Epoch}); {lease.State}, waiting for a new provider --"
                : $"-- lease {lease.LeaseId} handed over: {previous.Provider ?? "none"} epoch {previous.Epoch} -> {lease.Provider} epoch {lease.Epoch} --";
        Write(new LogLineView(lease.State == LeaseState.Closed ? "closed" : "handover", Id(lease.LeaseId), lease.Provider, lease.Epoch, 0, DateTimeOffset.UtcNow, "seam", text), text);
    }

    private void Write(LogLineView view, string text)
    {
        // JSON lines for streams: one compact document per line.
        lock (WriteGate)
        {
            _environment.Output.WriteLine(_mode == OutputMode.Json ? System.Text.Json.JsonSerializer.Serialize(view, LogJson.Options) : LinePrefix + text);
            _environment.Output.Flush();
        }
    }

    private static string Id(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
