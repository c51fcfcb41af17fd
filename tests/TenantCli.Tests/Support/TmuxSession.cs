using System.Diagnostics;

namespace DePinGpu.TenantCli.Tests.Support;

/// <summary>
/// A detached tmux session on a private socket (no user's tmux server is touched) running one command in a real
/// terminal, so a test can capture what a person would see. The server is killed on dispose.
/// </summary>
public sealed class TmuxSession : IAsyncDisposable
{
    private readonly string _socket;

    private TmuxSession(string socket) => _socket = socket;

    /// <summary>Starts <paramref name="command"/> (a shell command line) in a <paramref name="width"/>x50 terminal; the pane stays after it exits.</summary>
    public static async Task<TmuxSession> StartAsync(string command, IReadOnlyDictionary<string, string> environment, int width = 200)
    {
        var session = new TmuxSession(Path.Combine(Path.GetTempPath(), "depin-tmux-" + Guid.NewGuid().ToString("N")));
        var exports = string.Join(' ', environment.Select(pair => $"{pair.Key}='{pair.Value}'"));
        await session.TmuxAsync("new-session", "-d", "-s", "depin", "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", "50", $"env {exports} {command}; echo \"[exit $?]\"; sleep 600");
        return session;
    }

    /// <summary>The pane's text as shown now (colours dropped).</summary>
    public Task<string> CaptureAsync() => TmuxAsync("capture-pane", "-p", "-t", "depin");

    /// <summary>The pane's text as shown now with its colours and styles as escape sequences (capture-pane -e).</summary>
    public Task<string> CaptureWithEscapesAsync() => TmuxAsync("capture-pane", "-p", "-e", "-t", "depin");

    /// <summary>Everything the pane has shown since it started (scroll-back included), colours dropped.</summary>
    public Task<string> CaptureHistoryAsync() => TmuxAsync("capture-pane", "-p", "-S", "-", "-t", "depin");

    /// <summary>Captures until <paramref name="text"/> shows, or fails with the last screen after <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var screen = await CaptureAsync();
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return screen;
            }

            Assert.True(DateTime.UtcNow < deadline, $"'{text}' did not show within {timeout}. Screen:\n{screen}");
            await Task.Delay(100);
        }
    }

    /// <summary>Types <paramref name="keys"/> into the pane (tmux key names: <c>C-c</c> is Ctrl-C).</summary>
    public Task SendKeysAsync(params string[] keys) => TmuxAsync(["send-keys", "-t", "depin", .. keys]);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await TmuxAsync("kill-server");
        File.Delete(_socket);
    }

    private async Task<string> TmuxAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-S");
        info.ArgumentList.Add(_socket);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
