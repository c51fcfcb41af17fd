using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using DePinGpu.TestSupport;

namespace DePinGpu.Protocol.Tests.Support;

/// <summary>
/// A loopback JSON-RPC proxy in front of a real node (anvil) that misbehaves on demand the way public RPC providers and
/// networks do: refuses a request with an error, forwards a request and then loses the answer (connection cut) or
/// replaces it with an error. Every other request is forwarded untouched. Started on a free port, stopped on dispose.
/// </summary>
public sealed class JsonRpcProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri _target;
    private readonly Task _serving;

    private JsonRpcProxy(Uri target, int port)
    {
        _target = target;
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>The proxy's URL: give it to the client under test.</summary>
    public Uri Url { get; }

    /// <summary>Decides what happens to each request (method, params); null or <see cref="ProxyRule.Forward"/> forwards it.</summary>
    public Func<string, JsonElement, ProxyRule?>? Rule { get; set; }

    /// <summary>The methods of every request received, in arrival order.</summary>
    public ConcurrentQueue<string> Methods { get; } = new();

    /// <summary>Starts a proxy in front of <paramref name="target"/>.</summary>
    public static JsonRpcProxy Start(Uri target) => new(target, FreePort.Next());

    /// <summary>How many requests of <paramref name="method"/> arrived.</summary>
    public int Count(string method) => Methods.Count(received => received == method);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
        _upstream.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            // Each exchange on its own task: a client may hold several requests in flight (concurrent senders).
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            using var request = JsonDocument.Parse(body);
            var method = request.RootElement.GetProperty("method").GetString()!;
            var parameters = request.RootElement.TryGetProperty("params", out var given) ? given.Clone() : default;
            Methods.Enqueue(method);
            var rule = Rule?.Invoke(method, parameters) ?? ProxyRule.Forward;
            if (rule.Action == ProxyAction.Refuse)
            {
                await AnswerAsync(context, ErrorBody(request.RootElement, rule));
                return;
            }

            using var forwarded = await _upstream.PostAsync(_target, new StringContent(body, Encoding.UTF8, "application/json"));
            var answer = await forwarded.Content.ReadAsStringAsync();
            switch (rule.Action)
            {
                case ProxyAction.ForwardThenCut:
                    await CutAsync(context, answer); // the node acted on it; the client never hears the whole answer
                    return;
                case ProxyAction.ForwardThenAnswerError:
                    await AnswerAsync(context, ErrorBody(request.RootElement, rule));
                    return;
                default:
                    await AnswerAsync(context, answer);
                    return;
            }
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException or HttpRequestException)
        {
            // The client went away or the proxy is stopping: nothing to answer.
            context.Response.Abort();
        }
    }

    private static string ErrorBody(JsonElement request, ProxyRule rule) =>
        JsonSerializer.Serialize(new
        {
            jsonrpc = "2.0",
            id = request.GetProperty("id"),
            error = new { code = rule.Code, message = rule.Message },
        });

    /// <summary>Announces the whole answer, sends a few bytes of it, then drops the connection.</summary>
    private static async Task CutAsync(HttpListenerContext context, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        await context.Response.OutputStream.FlushAsync();
        context.Response.Abort();
    }

    private static async Task AnswerAsync(HttpListenerContext context, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
