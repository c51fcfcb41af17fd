using System.Globalization;
using System.Text.Json;

namespace DePinGpu.ProviderNode.Pricing;

/// <summary>The JSON a pricing script reads on stdin (documented in <c>docs/node-pricing.md</c>; big numbers as decimal strings).</summary>
internal static class PricingScriptInput
{
    public static byte[] ToJson(PricingRequest request)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", 1);
            writer.WriteString("orderId", request.OrderId.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("gpuModel", request.GpuModel);
            writer.WriteNumber("minimumVramGb", request.MinimumVramGigabytes);
            writer.WriteNumber("gpusPerReplica", request.GpusPerReplica);
            writer.WriteString("kind", request.Kind);
            writer.WriteNumber("replicas", request.Replicas);
            writer.WriteString("maxPricePerSecond", request.MaxPricePerSecond.ToString(CultureInfo.InvariantCulture));
            writer.WriteNumber("maxDurationSeconds", request.MaxDurationSeconds);
            writer.WriteString("runtime", request.Runtime);
            writer.WriteBoolean("asStandby", request.AsStandby);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
