namespace DePinGpu.ProviderNode.NodeEvents;

/// <summary>Something a subsystem tells the others through the <see cref="NodeEventBus"/>.</summary>
public interface INodeEvent;
