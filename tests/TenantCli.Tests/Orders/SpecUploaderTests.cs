using System.Text.Json.Nodes;
using DePinGpu.TenantCli.Orders;
using DePinGpu.TenantCli.Tests.Gateway;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.TenantCli.Tests.Orders;

/// <summary>
/// `order create` uploads the spec right after the order is mined, before a node may have read the order's event: such
/// a node refuses (403) and is asked again until it accepts; a final refusal is not repeated.
/// </summary>
public sealed class SpecUploaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("depin-spec-upload-").FullName;

    [Fact]
    public async Task NodeThatHasNotSeenTheOrderYet_IsAskedAgainUntilItAccepts_WhileATooLargeRefusalIsFinal()
    {
        var spec = await SpecAsync();
        var notYet = 2;
        await using var late = await TestReplica.StartAsync(context => Interlocked.Decrement(ref notYet) >= 0
            ? Problem(context, StatusCodes.Status403Forbidden, "No open order names it")
            : Created(context));
        await using var small = await TestReplica.StartAsync(context => Problem(context, StatusCodes.Status413PayloadTooLarge, "too large"));

        var uploads = await SpecUploader.UploadUntilAcceptedAsync(spec, [Node(late), Node(small)], TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(["accepted", "refused"], uploads.Select(upload => upload.Status));
        Assert.Equal(3, late.Hits);
        Assert.Equal(1, small.Hits);
        Assert.StartsWith("413:", uploads[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeThatNeverSeesTheOrder_IsGivenUpAfterTheWindow_WithItsLastAnswer()
    {
        var spec = await SpecAsync();
        await using var never = await TestReplica.StartAsync(context => Problem(context, StatusCodes.Status403Forbidden, "No open order names it"));

        var uploads = await SpecUploader.UploadUntilAcceptedAsync(spec, [Node(never)], TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Equal("refused", uploads.Single().Status);
        Assert.InRange(never.Hits, 2, 4);
    }

    [Fact]
    public async Task ImportedInput_IsUploadedAfterTheSpec_AndAnInputRefusalIsRetriedLikeTheSpec()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "data.bin"), "input bytes");
        var spec = await SpecAsync(new JsonArray(new JsonObject { ["name"] = "data.bin", ["file"] = "data.bin" }));
        var bodies = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var refuseInput = 1;
        await using var node = await TestReplica.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            bodies.Enqueue(body == "input bytes" ? "input" : "spec");
            await (body == "input bytes" && Interlocked.Decrement(ref refuseInput) >= 0
                ? Problem(context, StatusCodes.Status403Forbidden, "No open order names it")
                : Created(context));
        });

        var uploads = await SpecUploader.UploadUntilAcceptedAsync(spec, [Node(node)], TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal("accepted", uploads.Single().Status);
        Assert.Equal("spec and 1 input(s)", uploads.Single().Detail);
        Assert.Equal(["spec", "input", "spec", "input"], bodies.ToArray());
    }

    [Fact]
    public async Task RefusedInput_IsNamedInTheNodesAnswer()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "data.bin"), "input bytes");
        var spec = await SpecAsync(new JsonArray(new JsonObject { ["name"] = "data.bin", ["file"] = "data.bin" }));
        await using var node = await TestReplica.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            await (await reader.ReadToEndAsync() == "input bytes" ? Problem(context, StatusCodes.Status413PayloadTooLarge, "too large") : Created(context));
        });

        var upload = (await SpecUploader.UploadUntilAcceptedAsync(spec, [Node(node)], TimeSpan.FromSeconds(30), CancellationToken.None)).Single();

        Assert.Equal("refused", upload.Status);
        Assert.Equal("input data.bin: 413: too large", upload.Detail);
        Assert.Equal(2, node.Hits);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Uri Node(TestReplica replica) => new($"http://127.0.0.1:{replica.Port}/");

    private static Task Problem(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { detail });
    }

    private static Task Created(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status201Created;
        return context.Response.WriteAsJsonAsync(new { cid = "accepted" });
    }

    private async Task<SpecFile> SpecAsync(JsonArray? inputs = null)
    {
        var path = Path.Combine(_directory, "job.json");
        var json = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["runtime"] = "process",
            ["command"] = new JsonArray("/bin/true"),
            ["resources"] = new JsonObject { ["gpus"] = 1 },
        };
        if (inputs is not null)
        {
            json["inputs"] = inputs;
        }

        await File.WriteAllTextAsync(path, json.ToJsonString());
        return await SpecFile.ReadAsync(path, CancellationToken.None);
    }
}
