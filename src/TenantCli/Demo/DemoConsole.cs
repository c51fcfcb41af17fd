using System.Globalization;

namespace DePinGpu.TenantCli.Demo;

/// <summary>
/// The demo's live commentary: one line per thing that happened, stamped with the seconds since the demo started.
/// On stdout for people; on stderr when stdout carries JSON.
/// </summary>
internal sealed class DemoConsole
{
    private readonly TextWriter _writer;

    /// <summary>Writes to <paramref name="writer"/>; the clock starts now.</summary>
    public DemoConsole(TextWriter writer)
    {
        _writer = writer;
        Started = DateTimeOffset.UtcNow;
    }

    /// <summary>When the demo started.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>Seconds since the start, for a time on this machine's clock.</summary>
    public string Stamp(DateTimeOffset time) => ((time - Started).TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture).PadLeft(6) + " s";

    /// <summary>One line of commentary.</summary>
    public void Say(string message) => _writer.WriteLine($"[{Stamp(DateTimeOffset.UtcNow)}] {message}");

    /// <summary>A heading between the demo's phases.</summary>
    public void Heading(string title)
    {
        _writer.WriteLine();
        _writer.WriteLine("== " + title);
    }

    /// <summary>A line as it is.</summary>
    public void Line(string text) => _writer.WriteLine(text);
}
