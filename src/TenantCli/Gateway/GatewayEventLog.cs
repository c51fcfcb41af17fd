using System.Text.Json;

namespace DePinGpu.TenantCli.Gateway;

/// <summary>
/// Where the gateway's events go: kept (the last 200) for the live view and, with <c>--json</c>, written at once as
/// one JSON object a line.
/// </summary>
internal sealed class GatewayEventLog
{
    private const int Kept = 200;
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly Lock _gate = new();
    private readonly Queue<GatewayEvent> _recent = new();
    private readonly TextWriter? _json;
    private readonly TimeProvider _time;

    /// <summary>Creates the log; <paramref name="json"/> receives every event when given.</summary>
    public GatewayEventLog(TextWriter? json, TimeProvider time)
    {
        _json = json;
        _time = time;
    }

    /// <summary>Records an event.</summary>
    public void Add(string kind, Replica? replica, string detail)
    {
        var entry = new GatewayEvent(_time.GetUtcNow(), kind, replica?.Address.Key, detail);
        lock (_gate)
        {
            _recent.Enqueue(entry);
            if (_recent.Count > Kept)
            {
                _recent.Dequeue();
            }

            _json?.WriteLine(JsonSerializer.Serialize(entry, Json));
            _json?.Flush();
        }
    }

    /// <summary>The last <paramref name="count"/> events, oldest first.</summary>
    public IReadOnlyList<GatewayEvent> Recent(int count)
    {
        lock (_gate)
        {
            return _recent.Skip(Math.Max(0, _recent.Count - count)).ToList();
        }
    }
}
