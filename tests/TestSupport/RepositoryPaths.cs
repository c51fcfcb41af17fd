namespace DePinGpu.TestSupport;

/// <summary>Locates the repository and the tools that <c>scripts/bootstrap.sh</c> installs into it.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The folder that holds <c>DePinGpu.sln</c>.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>Node 22 from the <c>node</c> npm package (the machine's own node may be older).</summary>
    public static string Node => RequireFile(Path.Combine(Root, "node_modules", "node", "bin", "node"));

    /// <summary>The real anvil binary from <c>@foundry-rs/anvil</c>.</summary>
    public static string Anvil =>
        RequireFile(Path.Combine(Root, "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil"));

    /// <summary>Folder of the JavaScript interop peers.</summary>
    public static string InteropScripts => Path.Combine(Root, "tests", "interop");

    /// <summary>
    /// The libp2p wire vectors (computed with @libp2p/crypto) kept in the repository, so a clone needs nothing beside it.
    /// </summary>
    public static string Libp2pVectorsFile =>
        RequireFile(Path.Combine(Root, "tests", "Libp2p.Tests", "Vectors", "libp2p-vectors.json"));

    private static string RequireFile(string path) =>
        File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing; run scripts/bootstrap.sh first.", path);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DePinGpu.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException("Could not find DePinGpu.sln above the test binaries.");
    }
}
