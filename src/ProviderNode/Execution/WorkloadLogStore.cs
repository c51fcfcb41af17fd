using System.Text;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>
/// A workload's stdout and stderr, line by line, bounded in bytes: the oldest lines are dropped first, and a line
/// longer than the line limit is cut, so a workload that floods its output cannot grow the node's memory.
/// Readers can wait for lines after a sequence number (following a log). Thread-safe.
/// </summary>
public sealed class WorkloadLogStore
{
    private readonly object _gate = new();
    private readonly LinkedList<WorkloadLogLine> _lines = new();
    private readonly long _capacityBytes;
    private readonly int _maxLineCharacters;
    private readonly TimeProvider _time;
    private readonly StringBuilder[] _partial = [new(), new()];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _bytes;
    private long _sequence;
    private bool _completed;

    /// <summary>Creates a store that keeps at most <paramref name="capacityBytes"/> of text.</summary>
    public WorkloadLogStore(long capacityBytes, int maxLineCharacters, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineCharacters, 1);
        _capacityBytes = capacityBytes;
        _maxLineCharacters = maxLineCharacters;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Lines dropped to stay within the capacity.</summary>
    public long DroppedLines { get; private set; }

    /// <summary>Text kept now, in UTF-16 code units × 2 (what the lines cost in memory).</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Adds output as it arrives (any chunking; lines end at '\n').</summary>
    public void Append(bool isError, ReadOnlySpan<char> text)
    {
        lock (_gate)
        {
            var partial = _partial[isError ? 1 : 0];
            while (!text.IsEmpty)
            {
                var end = text.IndexOf('\n');
                var piece = end < 0 ? text : text[..end];
                var room = Math.Max(0, _maxLineCharacters - partial.Length);
                partial.Append(piece[..Math.Min(room, piece.Length)]);
                if (end < 0)
                {
                    break;
                }

                AddLine(isError, partial.ToString().TrimEnd('\r'));
                partial.Clear();
                text = text[(end + 1)..];
            }
        }

        Signal();
    }

    /// <summary>Marks the end of the output: partial lines are kept and waiting readers return.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            for (var stream = 0; stream < 2; stream++)
            {
                if (_partial[stream].Length > 0)
                {
                    AddLine(stream == 1, _partial[stream].ToString());
                    _partial[stream].Clear();
                }
            }

            _completed = true;
        }

        Signal();
    }

    /// <summary>The kept lines with a sequence above <paramref name="afterSequence"/>.</summary>
    public IReadOnlyList<WorkloadLogLine> Read(long afterSequence = 0)
    {
        lock (_gate)
        {
            return _lines.Where(line => line.Sequence > afterSequence).ToArray();
        }
    }

    /// <summary>Waits until a line after <paramref name="afterSequence"/> exists (or the output ended) and returns them.</summary>
    public async Task<IReadOnlyList<WorkloadLogLine>> ReadAsync(long afterSequence, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var lines = _lines.Where(line => line.Sequence > afterSequence).ToArray();
                if (lines.Length > 0 || _completed)
                {
                    return lines;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the first line (kept now or written later) that <paramref name="match"/> accepts; null if the output ends first.</summary>
    public async Task<WorkloadLogLine?> WaitForLineAsync(Func<WorkloadLogLine, bool> match, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(match);
        long after = 0;
        while (true)
        {
            var lines = await ReadAsync(after, cancellationToken).ConfigureAwait(false);
            if (lines.Count == 0)
            {
                return null;
            }

            if (lines.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            after = lines[^1].Sequence;
        }
    }

    private void AddLine(bool isError, string text)
    {
        var line = new WorkloadLogLine(++_sequence, _time.GetUtcNow(), isError, text);
        _lines.AddLast(line);
        _bytes += Cost(line);
        while (_bytes > _capacityBytes && _lines.First is { } oldest)
        {
            _bytes -= Cost(oldest.Value);
            _lines.RemoveFirst();
            DroppedLines++;
        }
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }

    private static long Cost(WorkloadLogLine line) => 64 + (2L * line.Text.Length);
}
