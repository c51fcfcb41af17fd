namespace DePinGpu.Libp2p.Hosting;

/// <summary>
/// Handles an inbound stream negotiated for a registered protocol. The stream is disposed when the handler
/// returns; the token is cancelled when the connection closes or the host stops.
/// </summary>
public delegate Task StreamHandler(Libp2pStream stream, CancellationToken cancellationToken);
