namespace DePinGpu.ProviderNode.Tests.Support;

/// <summary>Tests that share one Docker engine (and the images built for it).</summary>
[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerEngineFixture>
{
    public const string Name = "docker";
}
