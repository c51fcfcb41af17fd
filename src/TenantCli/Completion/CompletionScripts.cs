namespace DePinGpu.TenantCli.Completion;

/// <summary>
/// The shell functions that complete <c>depin</c> command lines. Each asks the program itself through System.CommandLine's
/// suggest directive (<c>depin "[suggest:POSITION]" "LINE"</c>), so the suggestions always match the installed commands.
/// </summary>
internal static class CompletionScripts
{
    /// <summary>The shells a script is written for.</summary>
    public static readonly IReadOnlyList<string> Shells = ["bash", "zsh", "pwsh"];

    /// <summary>The script for <paramref name="shell"/> (one of <see cref="Shells"/>).</summary>
    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "pwsh" => PowerShell,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "Shell has no completion script."),
    };

    private const string Bash = """
        # depin completion for bash. Load it with: source <(depin completion bash)
        _depin_complete() {
            local IFS=$'\n'
            COMPREPLY=($(depin "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null))
        }
        complete -o default -F _depin_complete depin

        """;

    private const string Zsh = """
        # depin completion for zsh. Load it with: source <(depin completion zsh)
        _depin_complete() {
            local line="${words[*]}"
            local -a suggestions
            suggestions=("${(@f)$(depin "[suggest:${#line}]" "${line}" 2>/dev/null)}")
            compadd -- "${suggestions[@]}"
        }
        compdef _depin_complete depin

        """;

    private const string PowerShell = """
        # depin completion for PowerShell. Load it with: depin completion pwsh | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName depin -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            depin "[suggest:$cursorPosition]" "$commandAst" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}
