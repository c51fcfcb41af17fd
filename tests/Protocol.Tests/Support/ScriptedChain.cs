using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DePinGpu.Protocol.Rpc;

namespace DePinGpu.Protocol.Tests.Support;

/// <summary>
/// An in-process Ethereum node for unit tests of the event stream: a scripted chain of blocks and logs served over
/// JSON-RPC (<c>eth_getBlockByNumber</c>, <c>eth_getLogs</c>) through an <see cref="HttpMessageHandler"/>, with every
/// request recorded ("latest", "block 5", "logs 2..4") and timed, and faults injected exactly where a test wants them.
/// Block hashes encode (branch, number), so a fork replaces blocks with different hashes whose parents chain up.
/// </summary>
public sealed class ScriptedChain : HttpMessageHandler
{
    /// <summary>The one contract whose logs the chain holds.</summary>
    public const string Address = "0x00000000000000000000000000000000000000aa";

    private static readonly string Zero = "0x" + new string('0', 64);
    private readonly Lock _gate = new();
    private readonly List<(string Hash, long[] Values)> _blocks = [];
    private readonly List<(string Text, TimeSpan At)> _requests = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private uint _branch;

    /// <summary>Creates a chain of <paramref name="blocks"/> empty blocks (0..blocks-1).</summary>
    public ScriptedChain(int blocks = 1) => MineEmpty(blocks);

    /// <summary>Answers a request in place of the chain (a fault), or null to let the chain answer. Gets the request's text.</summary>
    public Func<string, ScriptedAnswer?>? Intercept { get; set; }

    /// <summary>Rewrites the logs of an <c>eth_getLogs</c> answer before they are sent (reorder, corrupt).</summary>
    public Func<IReadOnlyList<ScriptedLog>, IReadOnlyList<ScriptedLog>>? RewriteLogs { get; set; }

    /// <summary>The head block's number.</summary>
    public ulong Height { get { lock (_gate) { return (ulong)_blocks.Count - 1; } } }

    /// <summary>The requests so far, as text.</summary>
    public IReadOnlyList<string> Requests { get { lock (_gate) { return [.. _requests.Select(r => r.Text)]; } } }

    /// <summary>When each request arrived (time since the chain was created).</summary>
    public IReadOnlyList<TimeSpan> Times { get { lock (_gate) { return [.. _requests.Select(r => r.At)]; } } }

    /// <summary>A client of this chain (owns an HttpClient over this handler).</summary>
    public EthereumRpc Rpc() =>
        new(new JsonRpcClient(new HttpClient(this, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) }, new Uri("http://scripted.invalid/")));

    /// <summary>The hash of block <paramref name="number"/> on the current chain.</summary>
    public string HashOf(ulong number) { lock (_gate) { return _blocks[checked((int)number)].Hash; } }

    /// <summary>Mines one block holding one log per value.</summary>
    public void Mine(params long[] values)
    {
        lock (_gate)
        {
            _blocks.Add((Hash(_branch, (ulong)_blocks.Count), values));
        }
    }

    /// <summary>Mines <paramref name="count"/> empty blocks.</summary>
    public void MineEmpty(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Mine();
        }
    }

    /// <summary>A reorg: blocks from <paramref name="from"/> on are dropped; blocks mined next are on a new branch.</summary>
    public void Fork(ulong from)
    {
        lock (_gate)
        {
            _blocks.RemoveRange(checked((int)from), _blocks.Count - (int)from);
            _branch++;
        }
    }

    /// <summary>Clears the recorded requests.</summary>
    public void ClearRequests() { lock (_gate) { _requests.Clear(); } }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A node's answer never arrives synchronously: without this a stream that polls in a loop without pausing
        // would never yield to the test that drives it.
        await Task.Yield();
        using var json = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
        var id = json.RootElement.GetProperty("id").GetRawText();
        var method = json.RootElement.GetProperty("method").GetString()!;
        var parameters = json.RootElement.GetProperty("params");
        var text = Describe(method, parameters);
        lock (_gate)
        {
            _requests.Add((text, _clock.Elapsed));
        }

        var answer = Intercept?.Invoke(text) ?? new ScriptedAnswer(200, "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":" + Answer(method, parameters) + "}");
        return new HttpResponseMessage((HttpStatusCode)answer.HttpStatus)
        {
            Content = new StringContent(answer.Body.Replace("{id}", id, StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
    }

    private static string Describe(string method, JsonElement parameters) => method switch
    {
        "eth_getBlockByNumber" when parameters[0].GetString() == "latest" => "latest",
        "eth_getBlockByNumber" => "block " + Number(parameters[0]),
        "eth_getLogs" => $"logs {Number(parameters[0].GetProperty("fromBlock"))}..{Number(parameters[0].GetProperty("toBlock"))}",
        _ => method,
    };

    private string Answer(string method, JsonElement parameters)
    {
        lock (_gate)
        {
            return method switch
            {
                "eth_getBlockByNumber" => BlockJson(parameters[0].GetString() == "latest" ? (ulong)_blocks.Count - 1 : Number(parameters[0])),
                "eth_getLogs" => LogsJson(Number(parameters[0].GetProperty("fromBlock")), Number(parameters[0].GetProperty("toBlock"))),
                _ => "null",
            };
        }
    }

    private string BlockJson(ulong number) => number >= (ulong)_blocks.Count
        ? "null"
        : $"{{\"number\":\"{Quantity(number)}\",\"hash\":\"{_blocks[(int)number].Hash}\",\"parentHash\":\"{(number == 0 ? Zero : _blocks[(int)number - 1].Hash)}\",\"timestamp\":\"{Quantity(number)}\"}}";

    private string LogsJson(ulong from, ulong to)
    {
        var logs = new List<ScriptedLog>();
        for (var number = from; number <= to && number < (ulong)_blocks.Count; number++)
        {
            var (hash, values) = _blocks[(int)number];
            logs.AddRange(values.Select((value, index) => new ScriptedLog(value, number, hash, (uint)index)));
        }

        var sent = RewriteLogs?.Invoke(logs) ?? logs;
        return "[" + string.Join(",", sent.Select(LogJson)) + "]";
    }

    private static string LogJson(ScriptedLog log)
    {
        var topic = "\"0x" + log.Value.ToString("x64", CultureInfo.InvariantCulture) + "\"";
        var topics = log.Topics == 1 ? topic : topic + "," + topic;
        return $"{{\"address\":\"{Address}\",\"topics\":[{topics}],\"data\":\"0x\",\"blockNumber\":\"{Quantity(log.BlockNumber)}\","
            + $"\"blockHash\":\"{log.BlockHash}\",\"transactionHash\":\"{Hash(0xffff, log.BlockNumber * 100 + log.LogIndex)}\","
            + $"\"transactionIndex\":\"0x0\",\"logIndex\":\"{Quantity(log.LogIndex)}\",\"removed\":{(log.Removed ? "true" : "false")}}}";
    }

    /// <summary>The hash of block <paramref name="number"/> on branch <paramref name="branch"/>.</summary>
    public static string Hash(uint branch, ulong number) =>
        "0x" + branch.ToString("x8", CultureInfo.InvariantCulture) + number.ToString("x56", CultureInfo.InvariantCulture);

    private static string Quantity(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static ulong Number(JsonElement quantity) => Convert.ToUInt64(quantity.GetString(), 16);
}
