using DePinGpu.Ipfs.Blocks;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Nodes;
using DePinGpu.TenantCli.Tests.Gateway;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.TenantCli.Tests.Nodes;

/// <summary>
/// `checkpoint get|export` try each source (configured gateways, then the lease's holders) until one serves the
/// checkpoint's blocks verified against their CIDs: a source that serves other bytes, or nothing, is passed over.
/// </summary>
public sealed class CheckpointSourcesTests
{
    private static readonly byte[] Content = "checkpoint step 8"u8.ToArray();
    private static readonly Cid Root = Cid.ForBlock(MulticodecCode.Raw, Content);

    [Fact]
    public async Task SourceServingOtherBytes_IsPassedOver_ForTheNextThatServesTheVerifiedBlock()
    {
        await using var liar = await TestReplica.StartAsync(context => Serve(context, "forged bytes"u8.ToArray()));
        await using var missing = await TestReplica.StartAsync(context => NotFound(context));
        await using var holder = await TestReplica.StartAsync(context => Serve(context, Content));
        var blocks = new MemoryBlockStore();
        var counted = 0L;

        var (result, source) = await CheckpointSources.FetchAsync([Node(liar), Node(missing), Node(holder)], Root, new CountingBlockStore(blocks, bytes => counted = bytes), CancellationToken.None);

        Assert.Equal(Node(holder), source);
        Assert.Equal(Content, await blocks.GetAsync(Root));
        Assert.Equal(Content.Length, counted);
        Assert.Equal(Content.Length, result.BytesFetched);
        Assert.True(liar.Hits > 0 && missing.Hits > 0);
    }

    [Fact]
    public async Task NoSourceServingTheBlock_IsANodeUnreachableErrorNamingEachSource()
    {
        await using var liar = await TestReplica.StartAsync(context => Serve(context, "forged bytes"u8.ToArray()));
        await using var missing = await TestReplica.StartAsync(context => NotFound(context));
        var blocks = new MemoryBlockStore();

        var error = await Assert.ThrowsAsync<CliException>(() => CheckpointSources.FetchAsync([Node(liar), Node(missing)], Root, blocks, CancellationToken.None));

        Assert.Equal(ExitCodes.NodeUnreachable, error.ExitCode);
        Assert.Contains(Node(liar).ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(Node(missing).ToString(), error.Message, StringComparison.Ordinal);
        Assert.False(await blocks.HasAsync(Root));
    }

    private static Uri Node(TestReplica replica) => new($"http://127.0.0.1:{replica.Port}/");

    /// <summary>A trustless gateway's raw-block answer (CAR requests are refused, so the client walks block by block).</summary>
    private static Task Serve(HttpContext context, byte[] bytes)
    {
        if (context.Request.Path != $"/ipfs/{Root}" || context.Request.Query["format"] != "raw")
        {
            return NotFound(context);
        }

        context.Response.ContentType = "application/vnd.ipld.raw";
        return context.Response.Body.WriteAsync(bytes).AsTask();
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
