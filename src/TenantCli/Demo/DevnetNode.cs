namespace DePinGpu.TenantCli.Demo;

/// <summary>One provider node of a devnet, as its files under the devnet folder describe it.</summary>
/// <param name="Name">provider-N.</param>
/// <param name="Owner">The provider's owner address (the registry's key for it), lower-case hex.</param>
/// <param name="PidFile">The node process's pid file (its pid is its process group: the devnet starts it with setsid).</param>
/// <param name="DataDirectory">The node's data folder (Process workloads record their process group under it).</param>
/// <param name="LogFile">The node's log.</param>
internal sealed record DevnetNode(string Name, string Owner, string PidFile, string DataDirectory, string LogFile);
