using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;

namespace DePinGpu.TestSupport;

/// <summary>
/// A child process started by a test (anvil, a js-libp2p or Helia peer). Its stdout lines are readable as a
/// stream; the process tree is killed on dispose so no test leaves a server behind.
/// </summary>
public sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    // Tests assert on log lines a node printed a minute earlier (a verifier's close, say); three nodes at debug level
    // print a few hundred lines in that time (dial retries with stack traces), so 200 lines let such a line scroll out.
    private const int ErrorTailLines = 5000;

    private readonly ConcurrentQueue<string> _errorTail = new();

    private ExternalProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
            }
            else
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            _errorTail.Enqueue(e.Data);
            while (_errorTail.Count > ErrorTailLines)
            {
                _errorTail.TryDequeue(out string? _);
            }
        };
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote to stderr (for failure messages).</summary>
    public string ErrorTail => string.Join(Environment.NewLine, _errorTail);

    /// <summary>Starts <paramref name="fileName"/> with arguments, in <paramref name="workingDirectory"/>.</summary>
    public static ExternalProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var wrapper = new ExternalProcess(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>Starts a script under <c>tests/interop</c> with the repository's Node 22.</summary>
    public static ExternalProcess StartNodeScript(string scriptName, params string[] arguments) =>
        Start(RepositoryPaths.Node, [Path.Combine(RepositoryPaths.InteropScripts, scriptName), .. arguments]);

    /// <summary>Reads stdout lines until one satisfies <paramref name="match"/>, or fails after the timeout.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cancellation.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    if (match(line))
                    {
                        return line;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching output line within {timeout}. stderr:\n{ErrorTail}");
        }

        throw new InvalidOperationException($"The process exited before printing the expected line. stderr:\n{ErrorTail}");
    }

    /// <summary>Reads the next stdout line.</summary>
    public Task<string> ReadLineAsync(TimeSpan timeout) => WaitForLineAsync(_ => true, timeout);

    /// <summary>Writes one line to the process's stdin (used to drive interop peers).</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for the process to end by itself (no kill) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process tree and waits for it to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill: nothing left to stop.
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
    }
}
