namespace DePinGpu.Libp2p.PubSub;

/// <summary>
/// An application validator for one topic. It runs after signature checks and de-duplication and before local
/// delivery and relaying; it is cancelled (and the message ignored) when it exceeds the router's validation timeout.
/// </summary>
/// <param name="message">The candidate message.</param>
/// <param name="cancellationToken">Cancelled at the validation timeout or on shutdown.</param>
/// <returns>Accept, reject or ignore.</returns>
public delegate ValueTask<ValidationResult> TopicValidator(PubSubMessage message, CancellationToken cancellationToken);
