using System.CommandLine;
using System.CommandLine.Help;
using System.Text;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Tests.Support;
using DePinGpu.TestSupport;

namespace DePinGpu.TenantCli.Tests.Cli;

/// <summary>
/// docs/cli.md's command reference is the commands' own help: this test regenerates it and fails when the file
/// differs (run with DEPIN_UPDATE_DOCS=1 to rewrite it), so the page cannot drift from the program.
/// </summary>
public sealed class CliReferenceTests
{
    private const string Begin = "<!-- BEGIN GENERATED COMMAND REFERENCE (tests/TenantCli.Tests CliReferenceTests; DEPIN_UPDATE_DOCS=1 rewrites it) -->";
    private const string End = "<!-- END GENERATED COMMAND REFERENCE -->";

    [Fact]
    public void CliDocs_CommandReference_MatchesTheCommandsHelp()
    {
        var path = Path.Combine(RepositoryPaths.Root, "docs", "cli.md");
        var text = File.ReadAllText(path);
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/cli.md lacks the generated-reference markers.");
        var generated = Generate();
        var current = text[(start + Begin.Length)..end];
        if (current != generated && Environment.GetEnvironmentVariable("DEPIN_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, text[..(start + Begin.Length)] + generated + text[end..]);
            return;
        }

        Assert.True(current == generated, "docs/cli.md's command reference is out of date: run the test with DEPIN_UPDATE_DOCS=1.");
    }

    private static string Generate()
    {
        var root = CliApplication.CreateRootCommand(new CliEnvironment(TextWriter.Null, TextWriter.Null, TextReader.Null, new Dictionary<string, string>(), Path.GetTempPath(), false, false));
        var builder = new StringBuilder("\n");
        foreach (var path in CommandTree.Paths())
        {
            using var writer = new StringWriter();
            var parse = root.Parse([.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
            var help = Assert.IsType<HelpAction>(parse.Action);
            help.MaxWidth = 120;
            parse.Invoke(new InvocationConfiguration { Output = writer });
            var text = System.Text.RegularExpressions.Regex.Replace(writer.ToString(), $@"(?<=^  ){System.Text.RegularExpressions.Regex.Escape(RootCommand.ExecutableName)}\b", "depin", System.Text.RegularExpressions.RegexOptions.Multiline);
            builder.Append("\n### `depin").Append(path.Length == 0 ? string.Empty : " " + path).Append("`\n\n```text\n").Append(text.TrimEnd().Replace("\r", string.Empty, StringComparison.Ordinal)).Append("\n```\n");
        }

        return builder.Append('\n').ToString();
    }
}
