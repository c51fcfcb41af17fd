using DePinGpu.TenantCli.Demo;
using SkiaSharp;

namespace DePinGpu.TenantCli.Tests.Demo;

public sealed class LossChartTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("depin-chart-");

    [Fact]
    public void Write_TwoNodesMarkersAndTimeline_DrawsAPngWithTheTimelineBeneathThePlot()
    {
        var losses = Enumerable.Range(1, 60).Select(i => new LossPoint(i * 5, 1.0 / i, "provider-1", 0))
            .Concat(Enumerable.Range(45, 60).Select(i => new LossPoint(i * 5, 1.0 / i, "provider-2", 1))).ToArray();
        var timeline = new[] { "   -1.2 s  last on-chain heartbeat", "    0.0 s  kill -9 provider-1", "   +7.9 s  report mined" };
        var file = Path.Combine(_directory.FullName, "chart.png");

        LossChart.Write(file, losses, [("kill", 300), ("resume", 221)], timeline, "test chart");

        using var bitmap = SKBitmap.Decode(file);
        Assert.Equal(1200, bitmap.Width);
        Assert.True(bitmap.Height > 620 + (3 * 20), $"height {bitmap.Height} leaves room for the timeline");
        Assert.True(DarkPixels(bitmap, 0, 620) > 2000, "the plot has lines and text");
        Assert.True(DarkPixels(bitmap, 620, bitmap.Height) > 200, "the timeline is written beneath the plot");
        Assert.True(ColouredPixels(bitmap) > 300, "the two series are drawn in colour");
    }

    public void Dispose() => _directory.Delete(recursive: true);


    private static int DarkPixels(SKBitmap bitmap, int fromRow, int toRow)
    {
        var count = 0;
        for (var y = fromRow; y < toRow; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                count += pixel.Red + pixel.Green + pixel.Blue < 200 ? 1 : 0;
            }
        }

        return count;
    }

    private static int ColouredPixels(SKBitmap bitmap)
    {
        var count = 0;
        for (var y = 0; y < 620; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                count += Math.Max(Math.Abs(pixel.Red - pixel.Blue), Math.Abs(pixel.Red - pixel.Green)) > 80 ? 1 : 0;
            }
        }

        return count;
    }
}
