using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using OxyPlot.SkiaSharp;
using SkiaSharp;

namespace DePinGpu.TenantCli.Demo;

/// <summary>
/// The demo's picture: the training loss against the step, one series per node that ran the job, vertical lines at
/// the step of the kill, the report and the resume, and the timeline written beneath the plot.
/// </summary>
internal static class LossChart
{
    private const int Width = 1200;
    private const int PlotHeight = 620;
    private const int LineHeight = 22;

    private static readonly OxyColor[] Colours = [OxyColor.FromRgb(0x1f, 0x77, 0xb4), OxyColor.FromRgb(0xd6, 0x27, 0x28), OxyColor.FromRgb(0x2c, 0xa0, 0x2c)];

    /// <summary>Writes the PNG to <paramref name="file"/>.</summary>
    public static void Write(string file, IReadOnlyList<LossPoint> losses, IReadOnlyList<(string Label, long Step)> markers, IReadOnlyList<string> timeline, string title)
    {
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentNullException.ThrowIfNull(markers);
        ArgumentNullException.ThrowIfNull(timeline);
        var model = new PlotModel { Title = title, Background = OxyColors.White, PlotMargins = new OxyThickness(70, double.NaN, 20, double.NaN) };
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "step", MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Left, Title = "loss (MSE, log scale)", MajorGridlineStyle = LineStyle.Dot });
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.BottomLeft, LegendBackground = OxyColor.FromAColor(220, OxyColors.White) });
        var index = 0;
        foreach (var group in losses.Where(point => point.Loss > 0 && double.IsFinite(point.Loss)).GroupBy(point => (point.Node, point.Epoch)))
        {
            var series = new LineSeries { Title = $"{group.Key.Node} (epoch {group.Key.Epoch})", Color = Colours[index++ % Colours.Length], StrokeThickness = 1.5 };
            series.Points.AddRange(group.OrderBy(point => point.Step).Select(point => new DataPoint(point.Step, point.Loss)));
            model.Series.Add(series);
        }

        // The markers sit a few steps apart, so their labels are horizontal and stacked down from the top.
        for (var row = 0; row < markers.Count; row++)
        {
            model.Annotations.Add(new LineAnnotation
            {
                Type = LineAnnotationType.Vertical,
                X = markers[row].Step,
                Color = OxyColors.DimGray,
                LineStyle = LineStyle.Dash,
                Text = markers[row].Label,
                TextOrientation = AnnotationTextOrientation.Horizontal,
                TextHorizontalAlignment = HorizontalAlignment.Left,
                TextLinePosition = 0.97 - (0.06 * row),
                FontSize = 12,
            });
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        using var plot = new MemoryStream();
        new PngExporter { Width = Width, Height = PlotHeight, UseTextShaping = false }.Export(model, plot);
        plot.Position = 0;
        using var plotImage = SKBitmap.Decode(plot);
        using var surface = SKSurface.Create(new SKImageInfo(Width, PlotHeight + 20 + (timeline.Count * LineHeight)));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.DrawBitmap(plotImage, 0, 0);
        using var typeface = SKTypeface.FromFamilyName("DejaVu Sans Mono") ?? SKTypeface.Default;
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true, TextSize = 15, Typeface = typeface };
        for (var row = 0; row < timeline.Count; row++)
        {
            canvas.DrawText(timeline[row], 70, PlotHeight + 10 + ((row + 1) * LineHeight), paint);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        using var stream = File.Create(file);
        png.SaveTo(stream);
    }
}
