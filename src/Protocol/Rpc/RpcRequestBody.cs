using System.Text.Json.Serialization;

namespace DePinGpu.Protocol.Rpc;

/// <summary>The JSON-RPC request envelope.</summary>
internal sealed record RpcRequestBody(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("params")] IReadOnlyList<object?> Params,
    [property: JsonPropertyName("id")] long Id)
{
    [JsonPropertyName("jsonrpc")]
    public string JsonRpc => "2.0";
}

/// <summary>Source-generated serializer for the request envelope and the parameter shapes we send.</summary>
[JsonSerializable(typeof(RpcRequestBody))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(object[]))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<object?>))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
internal sealed partial class RpcJsonContext : JsonSerializerContext;
