using DePinGpu.Ipfs.Car;
using DePinGpu.Libp2p.Multiformats;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.Ipfs.Tests.Gateway;

/// <summary>
/// Stand-in for a misbehaving trustless gateway: serves whatever bytes the test put under a CID, never checking them, and
/// CARs made of whatever sections the test lists (foreign or corrupt blocks included). Real gateways verify; this one
/// exists to prove that <c>GatewayClient</c> does not trust them. Counts the requests it receives.
/// </summary>
internal sealed class LyingGatewayStandIn : IAsyncDisposable
{
    private readonly Dictionary<Cid, byte[]> _blocks = [];
    private LoopbackHttpServer? _server;
    private int _requests;

    public Uri BaseAddress => _server!.BaseAddress;

    /// <summary>Sections sent for any CAR request (CID, bytes), in order; null means answer CAR requests with 404.</summary>
    public List<(Cid Cid, byte[] Data)>? CarSections { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<LyingGatewayStandIn> StartAsync()
    {
        var standIn = new LyingGatewayStandIn();
        standIn._server = await LoopbackHttpServer.StartAsync(standIn.HandleAsync);
        return standIn;
    }

    public void Serve(Cid cid, byte[] data) => _blocks[cid.ToV1()] = data;

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var cidText = context.Request.Path.Value!["/ipfs/".Length..];
        var cid = Cid.Parse(cidText);
        if (context.Request.Query["format"] == "car")
        {
            await ServeCarAsync(context, cid);
            return;
        }

        if (!_blocks.TryGetValue(cid.ToV1(), out var data))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/vnd.ipld.raw";
        await context.Response.Body.WriteAsync(data);
    }

    private async Task ServeCarAsync(HttpContext context, Cid root)
    {
        if (CarSections is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/vnd.ipld.car; version=1; order=dfs; dups=n";
        var writer = await CarWriter.CreateAsync(context.Response.Body, [root]);
        foreach (var (cid, data) in CarSections)
        {
            await writer.WriteBlockAsync(cid, data);
        }
    }
}
