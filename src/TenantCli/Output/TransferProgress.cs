using DePinGpu.TenantCli.Cli;
using Spectre.Console;

namespace DePinGpu.TenantCli.Output;

/// <summary>
/// Progress bars for uploads and downloads (Spectre.Console), one per transfer, drawn only for people at a terminal:
/// in text mode with stdout a terminal. Otherwise (a pipe, <c>-o json</c>, <c>-q</c>) nothing is drawn and the work's
/// reports go nowhere, so redirected output stays plain lines.
/// </summary>
internal sealed class TransferProgress
{
    private readonly Dictionary<string, ProgressTask> _tasks;

    private TransferProgress(Dictionary<string, ProgressTask> tasks) => _tasks = tasks;

    /// <summary>True when bars are drawn for <paramref name="environment"/> in <paramref name="mode"/>.</summary>
    public static bool IsShown(CliEnvironment environment, OutputMode mode) =>
        mode == OutputMode.Text && environment.OutputIsTerminal;

    /// <summary>
    /// Runs <paramref name="work"/> with a bar per transfer (key, description, total bytes) while it reports; the bars
    /// stay on screen, finished, when it returns.
    /// </summary>
    public static async Task<T> RunAsync<T>(CommandPrinter printer, CliEnvironment environment, IReadOnlyList<(string Key, string Description, long Total)> transfers, Func<TransferProgress, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(printer);
        ArgumentNullException.ThrowIfNull(work);
        if (!IsShown(environment, printer.Mode) || transfers.Count == 0)
        {
            return await work(new TransferProgress([])).ConfigureAwait(false);
        }

        return await printer.Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn())
            .StartAsync(async context =>
            {
                var tasks = transfers.ToDictionary(t => t.Key, t => context.AddTask(Markup.Escape(t.Description), maxValue: Math.Max(1, t.Total)));
                var progress = new TransferProgress(tasks);
                try
                {
                    return await work(progress).ConfigureAwait(false);
                }
                finally
                {
                    foreach (var task in tasks.Values)
                    {
                        task.StopTask();
                    }
                }
            }).ConfigureAwait(false);
    }

    /// <summary>Sets how many bytes of <paramref name="key"/> are through (the total grows when the estimate was low).</summary>
    public void Report(string key, long bytes)
    {
        if (_tasks.TryGetValue(key, out var task))
        {
            task.MaxValue = Math.Max(task.MaxValue, bytes);
            task.Value = bytes;
        }
    }

    /// <summary>Marks <paramref name="key"/> done: its bar is full.</summary>
    public void Complete(string key)
    {
        if (_tasks.TryGetValue(key, out var task))
        {
            task.Value = task.MaxValue;
        }
    }

    /// <summary>Renames <paramref name="key"/>'s bar (what became of it: refused, unreachable).</summary>
    public void Describe(string key, string description)
    {
        if (_tasks.TryGetValue(key, out var task))
        {
            task.Description = Markup.Escape(description);
        }
    }
}
