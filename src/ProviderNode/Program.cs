using System.CommandLine;
using DePinGpu.ProviderNode.Commands;

namespace DePinGpu.ProviderNode;

/// <summary>The <c>depin-node</c> entry point.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("depin-node: rent out this machine's GPUs on the DePinGpu market")
        {
            InitCommand.Create(),
            InventoryCommand.Create(),
            SpecCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
