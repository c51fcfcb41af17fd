using System.Diagnostics;
using DePinGpu.TenantCli.Tests.Support;

namespace DePinGpu.TenantCli.Tests.Terminal;

/// <summary>
/// Colours and styles only for a person at a terminal: <c>depin wallet list</c> styles its table in a real terminal
/// (tmux, captured with its escape sequences), and prints no escape sequence at all with <c>NO_COLOR</c> set or when
/// its output is a pipe.
/// </summary>
public sealed class ColourTests : IDisposable
{
    private const string Escape = "\u001b[";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task InATerminal_StylesTheOutput_AndWithNoColorPrintsNoEscapeSequence()
    {
        await CreateWalletAsync();
        var styled = await ScreenAsync("unset NO_COLOR;");
        Assert.Contains(Escape, styled, StringComparison.Ordinal);

        var plain = await ScreenAsync("export NO_COLOR=1;");
        Assert.Contains("tenant", plain, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntoAPipe_PrintsNoEscapeSequence()
    {
        await CreateWalletAsync();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { CliProcess.Program, "wallet", "list" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = _cli.Home;
        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("NO_COLOR");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(Patience))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        Assert.True(process.ExitCode == 0, await error);
        Assert.Contains("tenant", await output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", await output + await error, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public void Dispose() => _cli.Dispose();

    private async Task CreateWalletAsync()
    {
        _cli.Variables["DEPIN_PASSWORD"] = "correct horse";
        var created = await _cli.RunAsync("wallet new tenant --kdf light");
        Assert.True(created.ExitCode == 0, created.ToString());
    }

    private async Task<string> ScreenAsync(string colourSetting)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "depin.dll");
        var environment = new Dictionary<string, string> { ["HOME"] = _cli.Home, ["TERM"] = "xterm-256color" };
        await using var terminal = await TmuxSession.StartAsync($"sh -c '{colourSetting} exec dotnet {program} wallet list'", environment);
        await terminal.WaitForAsync("[exit 0]", Patience);
        return await terminal.CaptureWithEscapesAsync();
    }
}
