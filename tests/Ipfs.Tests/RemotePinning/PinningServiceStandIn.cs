using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.Ipfs.Tests.Gateway;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.Ipfs.Tests.RemotePinning;

/// <summary>
/// Stand-in for an IPFS Pinning Service (no real service is reachable here): a local HTTP server implementing the request
/// and response shapes of the Pinning Service API spec — bearer auth (401), <c>POST/GET /pins</c>, <c>GET/POST/DELETE
/// /pins/{requestid}</c> with 202/200/404, filters, newest-first pages, <c>{"error":{"reason","details"}}</c> bodies. Each
/// status poll moves a request one step (queued → pinning → pinned, or failed for CIDs listed in <see cref="FailingCids"/>).
/// </summary>
internal sealed class PinningServiceStandIn : IAsyncDisposable
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ConcurrentDictionary<string, JsonObject> _pins = new();
    private readonly ConcurrentQueue<string> _authorizations = new();
    private LoopbackHttpServer? _server;
    private int _created;
    private int _transientFailures;

    public const string Token = "test-token-7f3a";

    public Uri Endpoint => new(_server!.BaseAddress, "psa/");

    public HashSet<string> FailingCids { get; } = [];

    /// <summary>When true, <c>POST /pins</c> answers 409 (insufficient funds).</summary>
    public bool InsufficientFunds { get; set; }

    /// <summary>Every Authorization header received.</summary>
    public IReadOnlyList<string> Authorizations => [.. _authorizations];

    /// <summary>The next <paramref name="count"/> status polls answer 503.</summary>
    public void FailNextPolls(int count) => _transientFailures = count;

    public static async Task<PinningServiceStandIn> StartAsync()
    {
        var standIn = new PinningServiceStandIn();
        standIn._server = await LoopbackHttpServer.StartAsync(standIn.HandleAsync);
        return standIn;
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task HandleAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        _authorizations.Enqueue(authorization);
        if (authorization != "Bearer " + Token)
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "Access token is missing or invalid");
            return;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        var method = context.Request.Method;
        if (path == "/psa/pins")
        {
            await (HttpMethods.IsPost(method) ? AddAsync(context, replaces: null) : ListAsync(context));
            return;
        }

        var id = path.StartsWith("/psa/pins/", StringComparison.Ordinal) ? Uri.UnescapeDataString(path["/psa/pins/".Length..]) : null;
        if (id is null || !_pins.TryGetValue(id, out var pin))
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "NOT_FOUND", "The specified resource was not found");
            return;
        }

        if (HttpMethods.IsDelete(method))
        {
            _pins.TryRemove(id, out _);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        }
        else if (HttpMethods.IsPost(method))
        {
            await AddAsync(context, replaces: id);
        }
        else if (Interlocked.Decrement(ref _transientFailures) >= 0)
        {
            await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "UNAVAILABLE", "Try again later");
        }
        else
        {
            Advance(pin);
            await JsonAsync(context, StatusCodes.Status200OK, pin);
        }
    }

    private async Task AddAsync(HttpContext context, string? replaces)
    {
        if (InsufficientFunds)
        {
            await ErrorAsync(context, StatusCodes.Status409Conflict, "INSUFFICIENT_FUNDS", "Unable to process request due to the lack of funds");
            return;
        }

        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        var cidText = body?["cid"]?.GetValue<string>();
        if (body is null || !Cid.TryParse(cidText, out _))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "BAD_REQUEST", $"'{cidText}' is not a valid CID");
            return;
        }

        if (replaces is not null)
        {
            _pins.TryRemove(replaces, out _);
        }

        var created = Epoch.AddSeconds(Interlocked.Increment(ref _created));
        var status = new JsonObject
        {
            ["requestid"] = "req-" + Guid.NewGuid().ToString("N")[..10],
            ["status"] = "queued",
            ["created"] = created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["pin"] = body.DeepClone(),
            ["delegates"] = new JsonArray("/ip4/203.0.113.7/tcp/4001/p2p/12D3KooWGC6TvWhfapngX6wvJHMYvKpDMXPb3ZnCZ6dMoaMtimQ5"),
        };
        _pins[status["requestid"]!.GetValue<string>()] = status;
        await JsonAsync(context, StatusCodes.Status202Accepted, status);
    }

    private async Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var limit = query.ContainsKey("limit") ? int.Parse(query["limit"]!, CultureInfo.InvariantCulture) : 10;
        if (limit is < 1 or > 1000)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "BAD_REQUEST", "limit must be 1..1000");
            return;
        }

        var statuses = query.ContainsKey("status") ? query["status"].ToString().Split(',') : ["pinned"];
        var cids = query.ContainsKey("cid") ? query["cid"].ToString().Split(',') : null;
        var name = query["name"].ToString();
        var match = query.ContainsKey("match") ? query["match"].ToString() : "exact";
        var meta = query.ContainsKey("meta") ? JsonNode.Parse(query["meta"]!)!.AsObject() : null;
        DateTimeOffset? before = query.ContainsKey("before") ? DateTimeOffset.Parse(query["before"]!, CultureInfo.InvariantCulture) : null;
        DateTimeOffset? after = query.ContainsKey("after") ? DateTimeOffset.Parse(query["after"]!, CultureInfo.InvariantCulture) : null;
        var matching = _pins.Values
            .Where(pin => statuses.Contains(pin["status"]!.GetValue<string>()))
            .Where(pin => cids is null || cids.Contains(pin["pin"]!["cid"]!.GetValue<string>()))
            .Where(pin => name.Length == 0 || NameMatches(pin["pin"]!["name"]?.GetValue<string>(), name, match))
            .Where(pin => meta is null || meta.All(entry => pin["pin"]!["meta"]?[entry.Key]?.GetValue<string>() == entry.Value!.GetValue<string>()))
            .Where(pin => before is null || Created(pin) < before)
            .Where(pin => after is null || Created(pin) > after)
            .OrderByDescending(Created)
            .ToList();
        var page = new JsonArray([.. matching.Take(limit).Select(pin => pin.DeepClone())]);
        await JsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["count"] = matching.Count, ["results"] = page });
    }

    private void Advance(JsonObject pin)
    {
        var next = pin["status"]!.GetValue<string>() switch
        {
            "queued" => "pinning",
            "pinning" when FailingCids.Contains(pin["pin"]!["cid"]!.GetValue<string>()) => "failed",
            "pinning" => "pinned",
            var same => same,
        };
        pin["status"] = next;
        if (next == "failed")
        {
            pin["info"] = new JsonObject { ["status_details"] = "no provider found for the CID within 24h" };
        }
    }

    private static DateTimeOffset Created(JsonObject pin) => DateTimeOffset.Parse(pin["created"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static bool NameMatches(string? actual, string wanted, string match) => actual is not null && match switch
    {
        "iexact" => string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase),
        "partial" => actual.Contains(wanted, StringComparison.Ordinal),
        "ipartial" => actual.Contains(wanted, StringComparison.OrdinalIgnoreCase),
        _ => actual == wanted,
    };

    private static Task ErrorAsync(HttpContext context, int status, string reason, string details) =>
        JsonAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["reason"] = reason, ["details"] = details } });

    private static async Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(new JsonSerializerOptions()));
    }
}
