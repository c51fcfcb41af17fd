using System.Globalization;
using System.Text.RegularExpressions;

namespace DePinGpu.TenantCli.Demo;

/// <summary>One parsed line of samples/train's output (train.py's <c>log</c> calls).</summary>
/// <param name="Kind">What the line says.</param>
/// <param name="Step">The step it names (0 for Other).</param>
/// <param name="Loss">The loss it names (NaN when it names none).</param>
internal sealed partial record TrainingLine(TrainingLineKind Kind, long Step, double Loss)
{
    private static readonly TrainingLine Unknown = new(TrainingLineKind.Other, 0, double.NaN);

    /// <summary>Parses a line; anything that is not one of train.py's lines (or is out of range) is Other.</summary>
    public static TrainingLine Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 1024)
        {
            return Unknown;
        }

        var match = Pattern().Match(text);
        if (!match.Success || !long.TryParse(match.Groups["step"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var step))
        {
            return Unknown;
        }

        var loss = match.Groups["loss"].Success && double.TryParse(match.Groups["loss"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
        var kind = match.Groups["kind"].Value switch
        {
            "start" => TrainingLineKind.Started,
            "resumed from" => TrainingLineKind.Resumed,
            "checkpoint" => TrainingLineKind.Checkpoint,
            "done" => TrainingLineKind.Done,
            _ => TrainingLineKind.Loss,
        };
        if (kind == TrainingLineKind.Loss && double.IsNaN(loss))
        {
            return Unknown;
        }

        return new TrainingLine(kind, step, loss);
    }

    [GeneratedRegex(@"^(?:(?<kind>start) device=\S+ torch=\S+ first_step=(?<step>\d{1,12})\b|(?<kind>resumed from|checkpoint) step=(?<step>\d{1,12})\b|(?:(?<kind>done) )?step=(?<step>\d{1,12}) loss=(?<loss>[-+0-9.eE]{1,32}|nan|inf)$)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
