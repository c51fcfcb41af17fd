using System.Text.Json;

namespace DePinGpu.ProviderNode.Initialization;

/// <summary>The commented <c>config.json</c> that <c>depin-node init</c> writes (JSON with // comments, as the host reads it).</summary>
public static class NodeConfigTemplate
{
    /// <summary>The file's text for a node in <paramref name="directory"/> whose operator is <paramref name="operatorAddress"/>.</summary>
    public static string Render(NodeDataDirectory directory, string operatorAddress)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentException.ThrowIfNullOrEmpty(operatorAddress);
        var nodeName = "node-" + operatorAddress[2..10].ToLowerInvariant();
        return $$"""
            // depin-node configuration. Every key can also be set by an environment variable (DEPIN_NODE_Section__Key)
            // or on the command line; a bad value stops the node at start-up, naming the key and the reason.
            {
              "Execution": {
                // Names this node in its containers' labels: several nodes may share one Docker engine.
                "NodeName": {{Quote(nodeName)}},
                // The Docker engine; null uses DOCKER_HOST, else unix:///var/run/docker.sock.
                "DockerEndpoint": null,
                // Run "process" specs as host processes. Only for trusted workloads and devnets: no isolation.
                "EnableProcessRuntime": false,
                "ProcessStateDirectory": {{Quote(directory.ProcessesDirectory)}},
                // Output kept per workload run, and the longest line kept.
                "LogBytesPerWorkload": 1048576,
                "MaxLogLineCharacters": 8192,
                // Restarts in place (the spec's restartExitCode) before a run counts as failed.
                "MaxRestarts": 5,
                // Where services' ports are published (the tenant's gateway connects there).
                "ServiceBindAddress": "127.0.0.1"
              },
              "Checkpoints": {
                // Largest checkpoint accepted (bytes) and most files in one; larger ones are rejected, never committed.
                "MaxCheckpointBytes": 17179869184,
                "MaxEntriesPerCheckpoint": 100000,
                // Checkpoints are seen through file-system notifications; the folder is rescanned every RescanInterval
                // anyway, and polled every PollInterval where notifications turn out not to arrive (NFS, some FUSE).
                "RescanInterval": "00:00:10",
                "PollInterval": "00:00:01",
                "UseNotifications": true
              },
              "Inventory": {
                // Auto: nvidia-smi when installed, else the declared GPUs. NvidiaSmi or Declared to force one.
                "Mode": "Auto",
                "NvidiaSmiPath": "nvidia-smi",
                // GPUs offered when nvidia-smi is absent, reported as declared (a CPU-only devnet declares virtual ones):
                // [ { "Model": "virtual-cpu", "MemoryMebibytes": 16384, "Count": 1 } ]
                "Declared": []
              },
              "Pricing": {
                // Price per GPU-second in token base units, by GPU model (decimal strings), and for other models.
                "PerGpuSecond": {},
                "DefaultPerGpuSecond": "1000000000000",
                // Or a program that prices each order (docs/node-pricing.md); when set it decides alone.
                "Script": null,
                "ScriptTimeout": "00:00:05"
              },
              "Bidding": {
                // False: place no offers (the node still runs the leases it has). Prices come from Pricing, the GPUs
                // offered from Inventory (the same ones depin-node register put in the registry).
                "Enabled": true,
                // Runtimes this node runs: [] means docker alone; add "process" only with Execution:EnableProcessRuntime.
                "AllowedRuntimes": [],
                // How long to wait for the tenant's spec upload before passing on an order.
                "SpecWait": "00:00:10"
              },
              "Drain": {
                // depin-node drain: how long to wait for a Stateful workload's checkpoint after the "checkpoint now"
                // signal (then the lease is released from its last committed checkpoint), and how long the finished
                // daemon waits for the drain command to read its report before it exits.
                "CheckpointWait": "00:02:00",
                "ReportWait": "00:00:10"
              }
            }

            """;
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
