using System.Diagnostics;
using DePinGpu.TestSupport;

namespace DePinGpu.Gateway.Bench;

/// <summary>One <c>samples/echo-service</c> process on a free loopback port.</summary>
internal sealed class EchoReplica : IDisposable
{
    private readonly Process _process;

    private EchoReplica(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public static async Task<EchoReplica> StartAsync(string script, string name)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("/usr/bin/python3", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DEPIN_LEASE_ID"] = name;
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var replica = new EchoReplica(process, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(replica.Address, "/health"));
                if (response.IsSuccessStatusCode)
                {
                    return replica;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL, as a dead machine would.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
