using System.Diagnostics;
using DePinGpu.TenantCli.Tests.Support;

namespace DePinGpu.TenantCli.Tests.Completion;

/// <summary>Shell completion: the scripts, and the suggest directive they call answering for partial command lines.</summary>
public sealed class CompletionTests
{
    [Theory]
    [InlineData("bash", "complete -o default -F _depin_complete depin")]
    [InlineData("zsh", "compdef _depin_complete depin")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName depin")]
    public async Task Completion_EachShell_PrintsItsScriptThatAsksTheSuggestDirective(string shell, string registration)
    {
        using var cli = new CliHarness();

        var result = await cli.RunAsync($"completion {shell}");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(registration, result.Output, StringComparison.Ordinal);
        Assert.Contains("[suggest:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_UnknownShell_IsAUsageError()
    {
        using var cli = new CliHarness();

        var result = await cli.RunAsync("completion fish");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fish", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("depin lease w", "watch")]
    [InlineData("depin lea", "lease")]
    [InlineData("depin checkpoint ", "export")]
    [InlineData("depin logs 1 --t", "--tail")]
    [InlineData("depin completion ", "zsh")]
    public async Task SuggestDirective_PartialCommandLine_SuggestsWhatCanFollow(string line, string expected)
    {
        using var cli = new CliHarness();

        var result = await cli.RunAsync([$"[suggest:{line.Length}]", line]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(expected, result.Output.Split('\n', StringSplitOptions.TrimEntries));
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task SuggestDirective_PartialWord_SuggestsOnlyMatchingWords()
    {
        using var cli = new CliHarness();

        var result = await cli.RunAsync(["[suggest:13]", "depin order c"]);

        var suggestions = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("cancel", suggestions);
        Assert.Contains("create", suggestions);
        Assert.DoesNotContain("list", suggestions);
        Assert.DoesNotContain("offers", suggestions);
    }

    /// <summary>The bash script in a real bash: sourced, then its function run as bash runs it on Tab.</summary>
    [Fact]
    public async Task BashScript_SourcedInBash_CompletesAPartialSubcommand()
    {
        using var cli = new CliHarness();
        var script = cli.WriteFile("depin.bash", (await cli.RunAsync("completion bash")).Output);
        var program = Path.Combine(AppContext.BaseDirectory, "depin.dll");
        var steps = $$"""
            depin() { dotnet '{{program}}' "$@"; }
            source '{{script}}'
            COMP_LINE='depin wallet ba'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(depin wallet ba); COMP_CWORD=2
            _depin_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """;
        var info = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-c", steps]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["HOME"] = cli.Home;
        using var bash = Process.Start(info)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        var error = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();

        Assert.True(bash.ExitCode == 0, error);
        Assert.Equal(["balance"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
