using System.Globalization;

namespace DePinGpu.ProviderNode.Inventory;

/// <summary>
/// Reads <c>nvidia-smi --query-gpu=… --format=csv</c> output by its header (columns in any order, extra columns
/// ignored): <c>name</c> and <c>memory.total [MiB]</c> are required; <c>index</c>, <c>uuid</c> and
/// <c>driver_version</c> are used when present. Values like <c>81920 MiB</c> and <c>[N/A]</c> are understood.
/// </summary>
public static class NvidiaSmiParser
{
    /// <summary>The query the node runs.</summary>
    public const string QueryFields = "index,name,uuid,memory.total,driver_version";

    /// <summary>Largest output accepted.</summary>
    public const int MaxOutputCharacters = 256 * 1024;

    /// <summary>Most GPUs accepted.</summary>
    public const int MaxGpus = 256;

    /// <summary>Parses the output.</summary>
    public static NvidiaSmiParseResult Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Length > MaxOutputCharacters)
        {
            return Fail($"the output is over {MaxOutputCharacters} characters");
        }

        var lines = output.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Trim().Length > 0).ToArray();
        if (lines.Length == 0)
        {
            return Fail("the output is empty (no header line)");
        }

        var header = lines[0].Split(',').Select(column => column.Trim()).ToArray();
        var name = Array.IndexOf(header, "name");
        var memory = Array.IndexOf(header, "memory.total [MiB]");
        if (name < 0 || memory < 0)
        {
            return Fail($"the header \"{lines[0]}\" lacks name or memory.total [MiB] (run with --format=csv, not noheader or nounits)");
        }

        if (lines.Length - 1 > MaxGpus)
        {
            return Fail($"it lists more than {MaxGpus} GPUs");
        }

        var gpus = new List<GpuDevice>();
        for (var row = 1; row < lines.Length; row++)
        {
            var values = lines[row].Split(',').Select(value => value.Trim()).ToArray();
            if (values.Length != header.Length)
            {
                return Fail($"line {row + 1} has {values.Length} values for {header.Length} columns");
            }

            if (ReadRow(values, header, name, memory, row - 1) is not { } gpu)
            {
                return Fail($"line {row + 1} (\"{lines[row]}\") has no GPU name or no memory size in MiB");
            }

            gpus.Add(gpu);
        }

        return new NvidiaSmiParseResult(gpus, null);
    }

    private static GpuDevice? ReadRow(string[] values, string[] header, int name, int memory, int position)
    {
        var model = Value(values, name);
        var memoryText = Value(values, memory);
        if (model is null || memoryText is null || !memoryText.EndsWith(" MiB", StringComparison.Ordinal)
            || !long.TryParse(memoryText[..^4], NumberStyles.None, CultureInfo.InvariantCulture, out var mebibytes))
        {
            return null;
        }

        var index = Value(values, Array.IndexOf(header, "index")) is { } indexText
            && int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : position;
        return new GpuDevice(index, model, mebibytes, Value(values, Array.IndexOf(header, "uuid")), Value(values, Array.IndexOf(header, "driver_version")));
    }

    // nvidia-smi writes "[N/A]" or "[Not Supported]" for values a board does not report.
    private static string? Value(string[] values, int column) =>
        column < 0 || values[column].Length == 0 || values[column].StartsWith('[') ? null : values[column];

    private static NvidiaSmiParseResult Fail(string error) => new([], $"nvidia-smi output not understood: {error}");
}
