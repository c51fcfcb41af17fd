namespace DePinGpu.ProviderNode;

/// <summary>The <c>depin-node</c> entry point.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static Task<int> Main(string[] args) => Task.FromResult(0);
}
