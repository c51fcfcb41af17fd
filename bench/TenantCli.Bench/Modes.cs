namespace DePinGpu.TenantCli.Bench;

/// <summary>Chooses the benchmark from the arguments (kept out of Program so that the `hello` baseline loads nothing else).</summary>
internal static class Modes
{
    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args.Length > 0 && !int.TryParse(args[0], out _) ? args[0] : "run";
        var countArgument = mode == "run" && args.Length > 0 && int.TryParse(args[0], out _) ? args[0] : args.ElementAtOrDefault(1);
        int? count = int.TryParse(countArgument, out var parsed) && parsed > 0 ? parsed : null;
        var code = mode switch
        {
            "run" => await RunLatency.MeasureAsync(count ?? 3),
            "startup" => await HelpStartup.MeasureAsync(count ?? 15),
            _ => Usage(mode),
        };
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        return code;
    }

    private static int Usage(string mode)
    {
        Console.Error.WriteLine($"unknown mode '{mode}': use run [runs], startup [runs] or hello");
        return 2;
    }
}
