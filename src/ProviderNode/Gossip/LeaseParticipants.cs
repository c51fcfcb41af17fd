namespace DePinGpu.ProviderNode.Gossip;

/// <summary>Who may speak for a lease now, as the market says.</summary>
/// <param name="Provider">Its current provider (owner address, lower-case); null while it has none.</param>
/// <param name="Epoch">Its current epoch.</param>
/// <param name="Standbys">Its order's standby providers (lower-case owner addresses).</param>
public sealed record LeaseParticipants(string? Provider, uint Epoch, IReadOnlySet<string> Standbys);
