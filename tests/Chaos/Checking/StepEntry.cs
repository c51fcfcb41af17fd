using System.Globalization;
using System.Numerics;

namespace DePinGpu.Chaos.Tests.Checking;

/// <summary>
/// One line of the workload's own step log (tests/Chaos/Workload/stepping-loop.sh): when, which lease and epoch, which
/// run of it (restart count, and the process id that tells runs apart), what happened (start, resume, step, checkpoint), at which step, and in which node's
/// workload folder (<see cref="Holder"/>: the node's directory).
/// </summary>
public sealed record StepEntry(DateTimeOffset Time, BigInteger LeaseId, uint Epoch, int Restart, int Run, string Kind, ulong Step, string Holder)
{
    /// <summary>Parses one line; null for a line cut short (a process killed while it wrote).</summary>
    public static StepEntry? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split(' ', 8);
        if (fields.Length != 8
            || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || !BigInteger.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var lease)
            || !uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var restart)
            || !int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var run)
            || !ulong.TryParse(fields[6], NumberStyles.None, CultureInfo.InvariantCulture, out var step))
        {
            return null;
        }

        // <node dir>/data/workloads/<lease>-<epoch>/checkpoints: the holder is the node's directory.
        var holder = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(fields[7])))) ?? fields[7];
        return new StepEntry(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), lease, epoch, restart, run, fields[5], step, holder);
    }

    /// <summary>True for a line that says the workload made progress (a step).</summary>
    public bool IsStep => Kind == "step";
}
