namespace DePinGpu.Libp2p.PubSub.Wire;

/// <summary>A <c>SubOpts</c> entry: the sender joined (<paramref name="Subscribe"/> true) or left a topic.</summary>
/// <param name="Subscribe">True to subscribe, false to unsubscribe.</param>
/// <param name="Topic">The topic id.</param>
public sealed record SubscriptionOption(bool Subscribe, string Topic);
