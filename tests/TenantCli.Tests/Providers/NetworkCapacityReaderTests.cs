using System.Numerics;
using System.Text;
using System.Text.Json;
using CsCheck;
using DePinGpu.TenantCli.Providers;
using DePinGpu.TenantCli.Tests.Support;

namespace DePinGpu.TenantCli.Tests.Providers;

/// <summary>Reading nodes' <c>GET /network/capacity</c> answers: the documented shape, bad entries dropped, newest report kept.</summary>
public sealed class NetworkCapacityReaderTests
{
    private static readonly Uri Node = new("http://127.0.0.1:7070/");

    private static string Entry(string provider = "0x00000000000000000000000000000000000000aa", string price = "27777777777778", string seenAt = "2026-12-03T01:00:00+00:00", int free = 1) =>
        $$"""{"provider":"{{provider}}","peerId":"16Uiu2HAmX","gpuModel":"RTX4090","gpuCount":1,"freeGpus":{{free}},"vramGb":24,"pricePerGpuSecondWei":"{{price}}","seenAt":"{{seenAt}}","source":"gossip"}""";

    [Fact]
    public void Parse_TheNodesDocument_ReadsEveryField()
    {
        var reports = NetworkCapacityReader.Parse(Encoding.UTF8.GetBytes($$"""{"capacity":[{{Entry()}}]}"""), Node, out var invalid);

        Assert.Equal(0, invalid);
        var report = Assert.Single(reports);
        Assert.Equal(new CapacityReport("0x00000000000000000000000000000000000000aa", "RTX4090", 1, 1, new BigInteger(27_777_777_777_778), DateTimeOffset.Parse("2026-12-03T01:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture), Node), report);
    }

    [Theory]
    [InlineData("0x12", "1", "2026-12-03T01:00:00Z", 1)]
    [InlineData("0x00000000000000000000000000000000000000zz", "1", "2026-12-03T01:00:00Z", 1)]
    [InlineData("0x00000000000000000000000000000000000000aa", "-1", "2026-12-03T01:00:00Z", 1)]
    [InlineData("0x00000000000000000000000000000000000000aa", "1.5", "2026-12-03T01:00:00Z", 1)]
    [InlineData("0x00000000000000000000000000000000000000aa", "1", "yesterday", 1)]
    [InlineData("0x00000000000000000000000000000000000000aa", "1", "2026-12-03T01:00:00Z", 2)]
    public void Parse_InvalidEntry_IsDroppedAndCounted(string provider, string price, string seenAt, int free)
    {
        var reports = NetworkCapacityReader.Parse(Encoding.UTF8.GetBytes($$"""{"capacity":[{{Entry(provider, price, seenAt, free)}},{{Entry()}}]}"""), Node, out var invalid);

        Assert.Equal(1, invalid);
        Assert.Single(reports);
    }

    [Fact]
    public void Parse_NotTheDocumentedShape_Throws()
    {
        Assert.ThrowsAny<JsonException>(() => NetworkCapacityReader.Parse("[1,2]"u8, Node, out _));
        Assert.ThrowsAny<JsonException>(() => NetworkCapacityReader.Parse("""{"capacity":{}}"""u8, Node, out _));
    }

    [Fact]
    public void Parse_ArbitraryBytes_AreReadOrRefusedWithAJsonError_NeverAnotherFault() => Gen.Byte.Array[0, 400].Sample(bytes =>
    {
        try
        {
            NetworkCapacityReader.Parse(bytes, Node, out _);
        }
        catch (JsonException)
        {
            // Refused as the reader's caller expects.
        }
    });

    [Fact]
    public async Task Read_TwoNodesHeardTheSameProvider_KeepsTheNewerReport_AndSaysWhichNodeIsDown()
    {
        await using var older = new LoopbackHttpServer();
        await using var newer = new LoopbackHttpServer();
        older.Routes["/network/capacity"] = Encoding.UTF8.GetBytes($$"""{"capacity":[{{Entry(price: "1", seenAt: "2026-12-03T01:00:00Z")}}]}""");
        newer.Routes["/network/capacity"] = Encoding.UTF8.GetBytes($$"""{"capacity":[{{Entry(price: "2", seenAt: "2026-12-03T01:00:05Z")}}]}""");
        var down = new Uri($"http://127.0.0.1:{DePinGpu.TestSupport.FreePort.Next()}/");
        using var reader = new NetworkCapacityReader();

        var reports = await reader.ReadAsync([older.BaseAddress, down, newer.BaseAddress], CancellationToken.None);

        var report = Assert.Single(reports.Values);
        Assert.Equal(new BigInteger(2), report.PricePerGpuSecondWei);
        Assert.Equal(newer.BaseAddress, report.ReportedBy);
        Assert.Contains(reader.Problems, problem => problem.StartsWith(down.ToString(), StringComparison.Ordinal));
    }
}
