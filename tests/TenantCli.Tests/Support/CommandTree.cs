using System.CommandLine;
using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Tests.Support;

/// <summary>Every command of <c>depin</c>, by path ("order create"), read from the real command tree.</summary>
public static class CommandTree
{
    /// <summary>The paths of every command, root first ("" is the root).</summary>
    public static IReadOnlyList<string> Paths()
    {
        var root = CliApplication.CreateRootCommand(new CliEnvironment(TextWriter.Null, TextWriter.Null, TextReader.Null, new Dictionary<string, string>(), Path.GetTempPath(), false, false));
        var paths = new List<string>();
        Walk(root, string.Empty, paths);
        return paths;
    }

    /// <summary>The commands as xunit theory data.</summary>
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var path in Paths())
        {
            data.Add(path);
        }

        return data;
    }

    private static void Walk(Command command, string path, List<string> paths)
    {
        paths.Add(path);
        foreach (var child in command.Subcommands)
        {
            Walk(child, (path + " " + child.Name).Trim(), paths);
        }
    }
}
