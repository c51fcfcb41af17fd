using System.Diagnostics;
using System.Globalization;

namespace DePinGpu.TenantCli.Bench;

/// <summary>
/// Start-up of `depin --help` (wall time and peak resident memory, by GNU time) next to the smallest .NET program this
/// machine can start the same way — this benchmark's own `hello` mode, which prints one line — so that the runtime's
/// own start-up, which no CLI can go under, is measured in the same run. Both are started through the apphost and
/// through `dotnet file.dll`, alternating, so a slow stretch of the machine hits all alike; with DEPIN_CLI_PUBLISHED=folder
/// also a published depin (ReadyToRun).
/// </summary>
internal static class HelpStartup
{
    private const string Time = "/usr/bin/time";

    public static async Task<int> MeasureAsync(int runs)
    {
        if (!File.Exists(Time))
        {
            await Console.Error.WriteLineAsync($"{Time} (Debian package `time`) is needed to read peak memory; scripts/bootstrap.sh installs it.");
            return 2;
        }

        var directory = AppContext.BaseDirectory;
        var cases = new (string Name, string File, string[] Arguments)[]
        {
            ("depin --help (apphost)", Path.Combine(directory, "depin"), ["--help"]),
            ("baseline: hello (apphost)", Path.Combine(directory, "DePinGpu.TenantCli.Bench"), ["hello"]),
            ("dotnet depin.dll --help", "dotnet", [Path.Combine(directory, "depin.dll"), "--help"]),
            ("baseline: dotnet hello.dll", "dotnet", [Path.Combine(directory, "DePinGpu.TenantCli.Bench.dll"), "hello"]),
        };
        // A ReadyToRun publish of depin (docs/cli.md: how to install it) compiles ahead what the JIT compiles at start.
        if (Environment.GetEnvironmentVariable("DEPIN_CLI_PUBLISHED") is { Length: > 0 } published)
        {
            cases = [.. cases, ("depin --help (published R2R)", Path.Combine(published, "depin"), ["--help"])];
        }

        var samples = cases.Select(_ => new List<(double Seconds, long KiB)>()).ToArray();
        for (var run = -1; run < runs; run++)
        {
            for (var index = 0; index < cases.Length; index++)
            {
                var sample = await StartOnceAsync(cases[index].File, cases[index].Arguments);
                if (run >= 0)
                {
                    // The first round only warms the page cache; it is not counted.
                    samples[index].Add(sample);
                }
            }
        }

        for (var index = 0; index < cases.Length; index++)
        {
            var times = samples[index].Select(sample => sample.Seconds * 1000).Order().ToArray();
            var memory = samples[index].Select(sample => sample.KiB / 1024.0).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{cases[index].Name,-28}: median {times[runs / 2],6:0} ms (min {times[0]:0}, max {times[^1]:0}), peak RSS median {memory[runs / 2]:0.0} MiB over {runs} runs"));
        }

        return 0;
    }

    private static async Task<(double Seconds, long KiB)> StartOnceAsync(string file, string[] arguments)
    {
        var report = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(Time) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in (string[])["-f", "%M", "-o", report, file, .. arguments])
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["NO_COLOR"] = "1";
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var elapsed = clock.Elapsed.TotalSeconds;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await errors}");
            }

            if ((await output).Length == 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} printed nothing");
            }

            var kib = long.Parse((await File.ReadAllTextAsync(report)).Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
            return (elapsed, kib);
        }
        finally
        {
            File.Delete(report);
        }
    }
}
