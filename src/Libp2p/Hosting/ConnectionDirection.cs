namespace DePinGpu.Libp2p.Hosting;

/// <summary>Who opened a connection.</summary>
public enum ConnectionDirection
{
    /// <summary>The remote dialled this host.</summary>
    Inbound,

    /// <summary>This host dialled the remote.</summary>
    Outbound,
}
