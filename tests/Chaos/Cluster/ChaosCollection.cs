namespace DePinGpu.Chaos.Tests.Cluster;

/// <summary>The scenarios run one after another on one shared chain (a machine of 2 cores holds one cluster at a time).</summary>
[CollectionDefinition(Name)]
public sealed class ChaosCollection : ICollectionFixture<ChainFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "chaos";
}
