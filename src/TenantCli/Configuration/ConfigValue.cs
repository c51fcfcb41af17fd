namespace DePinGpu.TenantCli.Configuration;

/// <summary>One raw setting and where it came from (named in errors: "rpcUrl in ~/.depin/config.json", "DEPIN_RPC_URL", "--rpc-url").</summary>
internal sealed record ConfigValue(string Text, string Origin, string? BaseDirectory);
