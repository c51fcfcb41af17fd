using System.Text.Json;

namespace DePinGpu.TenantCli.Nodes;

/// <summary>How streamed JSON lines are written: compact, camelCase.</summary>
internal static class LogJson
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
