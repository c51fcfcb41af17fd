namespace DePinGpu.Ipfs.Access;

/// <summary>What a gateway needs to restrict checkpoints: the policy and the tenant request authenticator.</summary>
/// <param name="Policy">Who may read which block.</param>
/// <param name="Authenticator">Who sent a request.</param>
public sealed record GatewayAccess(IBlockAccessPolicy Policy, TenantRequestAuthenticator Authenticator);
