using System.CommandLine;
using DePinGpu.ProviderNode.Cli;
using DePinGpu.ProviderNode.Commands;

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
        return new RootCommand("depin-node: rent out this machine's GPUs on the DePinGpu market")
        {
            InitCommand.Create(),
            InventoryCommand.Create(),
            SpecCommand.Create(),
            RunCommand.Create(common),
            OwnerCommands.Register(common),
            OwnerCommands.Stake(common),
            OwnerCommands.Earnings(common),
            StatusCommand.Create(common),
            DrainCommand.Create(common),
            VerifyCommand.Create(common),
        };
    }
}
