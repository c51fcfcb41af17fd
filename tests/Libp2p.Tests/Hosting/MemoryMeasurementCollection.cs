namespace DePinGpu.Libp2p.Tests.Hosting;

/// <summary>Tests that measure the process's managed memory run one at a time, with no other test running beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "process memory measurements";
}
