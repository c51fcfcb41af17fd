namespace DePinGpu.Libp2p.Tests.PubSub.Interop;

/// <summary>Runs the js interop tests one at a time: each starts Node processes, and the CI machine has 2 cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JsInteropCollection
{
    public const string Name = "js gossipsub interop";
}
