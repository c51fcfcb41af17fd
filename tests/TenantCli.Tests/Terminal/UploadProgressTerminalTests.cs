using System.Diagnostics;
using System.Text.Json.Nodes;
using DePinGpu.TenantCli.Tests.Gateway;
using DePinGpu.TenantCli.Tests.Support;
using DePinGpu.TestSupport;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace DePinGpu.TenantCli.Tests.Terminal;

/// <summary>
/// Upload progress: at a terminal (tmux) `order create` draws a bar per node that ends full and says the node
/// accepted; with stdout redirected the same command writes plain lines, not one control sequence.
/// </summary>
public sealed class UploadProgressTerminalTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly ITestOutputHelper _output;
    private DevnetChain _chain = null!;

    public UploadProgressTerminalTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _chain = await DevnetChain.StartAsync();

    public async Task DisposeAsync() => await _chain.DisposeAsync();

    [Fact]
    public async Task OrderCreate_InATerminal_DrawsAnUploadBarThatFinishes_AndRedirectedOutputHasNoControlSequences()
    {
        await using var node = await TestReplica.StartAsync(Created);
        using var tenant = await TenantSession.CreateAsync(_chain);
        tenant.Cli.WriteFile("data.bin", new string('x', 30_000));
        var spec = tenant.WriteSpec(new JsonObject
        {
            ["schemaVersion"] = 1,
            ["runtime"] = "process",
            ["command"] = new JsonArray("/bin/true"),
            ["inputs"] = new JsonArray(new JsonObject { ["name"] = "data.bin", ["file"] = "data.bin" }),
        }.ToJsonString());
        var gateway = $"http://127.0.0.1:{node.Port}/";
        var arguments = $"order create {spec} --max-price 1 --duration 1h --gateway {gateway}";

        await using (var terminal = await TmuxSession.StartAsync($"dotnet {CliProcess.Program} {arguments}", new Dictionary<string, string> { ["HOME"] = tenant.Cli.Home, ["TERM"] = "xterm-256color" }))
        {
            await terminal.WaitForAsync("[exit ", Patience);
            var history = await terminal.CaptureHistoryAsync();
            _output.WriteLine(history);
            Assert.Contains("[exit 0]", history, StringComparison.Ordinal);
            Assert.Contains(history.Split('\n'), line => line.Contains($"{gateway} accepted", StringComparison.Ordinal) && line.Contains("100%", StringComparison.Ordinal));
        }

        Assert.Equal(2, node.Hits);
        var (exitCode, output, error) = await RunRedirectedAsync(tenant.Cli.Home, arguments);
        _output.WriteLine(output + error);
        Assert.Equal(0, exitCode);
        Assert.Contains($"{gateway} accepted", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u001b', error);
        Assert.DoesNotContain("100%", output + error, StringComparison.Ordinal);
    }

    private static Task Created(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status201Created;
        return context.Response.WriteAsJsonAsync(new { cid = "accepted" });
    }

    /// <summary>Runs depin with stdout and stderr redirected to pipes, colours not switched off (no NO_COLOR).</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunRedirectedAsync(string home, string arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryPaths.Root };
        info.ArgumentList.Add(CliProcess.Program);
        foreach (var argument in arguments.Split(' '))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["HOME"] = home;
        info.Environment["TERM"] = "xterm-256color";
        info.Environment.Remove("NO_COLOR");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await output, await error);
    }
}
