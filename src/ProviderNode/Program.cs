using System.CommandLine;
using DePinGpu.ProviderNode.Cli;

namespace DePinGpu.ProviderNode;

/// <summary>The <c>depin-node</c> entry point.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static Task<int> Main(string[] args) => CreateRootCommand().Parse(args).InvokeAsync();

    /// <summary>The command tree.</summary>
    public static RootCommand CreateRootCommand()
    {
        var common = new CommonOptions();
        return new RootCommand("depin-node: rent out GPUs on the DePinGpu market.")
        {
            RunCommand.Create(common),
            OwnerCommands.Register(common),
            OwnerCommands.Stake(common),
            OwnerCommands.Earnings(common),
            StatusCommand.Create(common),
        };
    }
}
