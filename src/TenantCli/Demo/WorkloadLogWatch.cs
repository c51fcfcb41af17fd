using System.Numerics;
using DePinGpu.TenantCli.Nodes;

namespace DePinGpu.TenantCli.Demo;

/// <summary>
/// Reads the training job's output from the node that runs the lease now (the tenant-signed log API), one cursor per
/// node and epoch, and records its loss, resume and checkpoint lines. A node that does not answer (the killed one)
/// yields nothing.
/// </summary>
internal sealed class WorkloadLogWatch
{
    private readonly NodeLogClient _logs;
    private readonly ProviderDirectory _directory;
    private readonly DevnetLayout _devnet;
    private readonly DemoObservations _observations;
    private readonly Dictionary<(string Owner, uint Epoch), long> _cursors = [];

    /// <summary>Creates the watch; nothing is read yet.</summary>
    public WorkloadLogWatch(NodeLogClient logs, ProviderDirectory directory, DevnetLayout devnet, DemoObservations observations)
    {
        _logs = logs;
        _directory = directory;
        _devnet = devnet;
        _observations = observations;
    }

    /// <summary>The training lines that <paramref name="owner"/>'s node served since the last poll (none when it does not answer).</summary>
    public async Task<IReadOnlyList<(TrainingLine Line, LogLine Raw)>> PollAsync(string owner, uint epoch, BigInteger leaseId, CancellationToken cancellationToken)
    {
        var key = (owner, epoch);
        _cursors.TryAdd(key, 0);
        LogReadResult result;
        try
        {
            var api = await _directory.ApiOfAsync(owner, cancellationToken).ConfigureAwait(false);
            result = await _logs.ReadAsync(api, leaseId, _cursors[key], cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return [];
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return [];
        }

        var lines = new List<(TrainingLine, LogLine)>();
        foreach (var raw in result.Lines)
        {
            _cursors[key] = Math.Max(_cursors[key], raw.Sequence);
            var line = TrainingLine.Parse(raw.Text);
            Record(line, raw, owner, epoch);
            lines.Add((line, raw));
        }

        return lines;
    }

    private void Record(TrainingLine line, LogLine raw, string owner, uint epoch)
    {
        var node = _devnet.NameOf(owner);
        switch (line.Kind)
        {
            case TrainingLineKind.Loss:
                _observations.Losses.Add(new LossPoint(line.Step, line.Loss, node, epoch));
                break;
            case TrainingLineKind.Done:
                _observations.DoneStep = line.Step;
                _observations.Losses.Add(new LossPoint(line.Step, line.Loss, node, epoch));
                break;
            case TrainingLineKind.Resumed when epoch > 0:
                _observations.ResumedFromStep ??= line.Step;
                _observations.Timeline.RunningAgain ??= raw.Time;
                break;
            case TrainingLineKind.Started when epoch > 0:
                _observations.FirstStepAfterResume ??= line.Step;
                _observations.Timeline.RunningAgain ??= raw.Time;
                break;
            default:
                break;
        }

        if (epoch == 0 && line.Kind is TrainingLineKind.Loss or TrainingLineKind.Checkpoint)
        {
            _observations.LastStepBeforeKill = Math.Max(_observations.LastStepBeforeKill, line.Step);
        }
    }
}
