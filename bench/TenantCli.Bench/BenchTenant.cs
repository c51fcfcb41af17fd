using System.Diagnostics;
using System.Net;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.Clients;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Wallets;
using DePinGpu.ProviderNode.Bench;

namespace DePinGpu.TenantCli.Bench;

/// <summary>A tenant with a CLI home (config, wallet made by `depin wallet new`) and the same key for the by-hand steps.</summary>
internal sealed class BenchTenant
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private static readonly BigInteger MaxPricePerSecond = BigInteger.Pow(10, 18) / 3600;
    private readonly BenchDevnet _devnet;
    private readonly BenchNode _node;
    private readonly string _home;
    private readonly WalletKey _key;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private int _specs;

    private BenchTenant(BenchDevnet devnet, BenchNode node, string home, WalletKey key)
    {
        _devnet = devnet;
        _node = node;
        _home = home;
        _key = key;
    }

    private static string Program => Path.Combine(AppContext.BaseDirectory, "depin.dll");

    /// <summary>Writes the CLI's config, makes its wallet with the CLI, funds it.</summary>
    public static async Task<BenchTenant> CreateAsync(BenchDevnet devnet, BenchNode node)
    {
        var home = Path.Combine(devnet.Directory, "tenant");
        Directory.CreateDirectory(Path.Combine(home, ".depin"));
        var passwordFile = Path.Combine(home, "password");
        await File.WriteAllTextAsync(passwordFile, "bench password");
        var config = new JsonObject
        {
            ["rpcUrl"] = devnet.Anvil.RpcUrl.ToString(), ["chainId"] = 31337, ["deployment"] = devnet.Connection.Options.DeploymentFile,
            ["walletDirectory"] = Path.Combine(home, "wallets"), ["wallet"] = "bench", ["passwordFile"] = passwordFile, ["gateways"] = new JsonArray(node.Api.ToString()),
        };
        await File.WriteAllTextAsync(Path.Combine(home, ".depin", "config.json"), config.ToJsonString());
        var (exitCode, output) = await RunToEndAsync(home, "wallet", "new", "bench", "--kdf", "light", "-o", "json");
        if (exitCode != 0)
        {
            throw new InvalidOperationException("depin wallet new failed: " + output);
        }

        var keystore = Directory.GetFiles(Path.Combine(home, "wallets")).Single();
        var key = await KeystoreFile.UnlockAsync(keystore, "bench password", CancellationToken.None);
        await devnet.Connection.Token(devnet.Anvil.Accounts[0]).MintAsync(key.Address, BigInteger.Pow(10, 18) * 100_000, CancellationToken.None);
        await devnet.Anvil.CallAsync("anvil_setBalance", key.Address, "0x3635C9ADC5DEA00000");
        return new BenchTenant(devnet, node, home, key);
    }

    /// <summary>
    /// <c>depin run</c> as a process: from its start to its "lease N running on …" line (it then follows logs and is
    /// stopped), and the CPU time (user + system) the process had used by then, which load on the machine does not inflate.
    /// </summary>
    public async Task<(TimeSpan Elapsed, TimeSpan Cpu)> CliRunAsync()
    {
        var spec = await WriteSpecAsync();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Program, "run", spec.Path, "--max-price", "1", "--duration", "1h", "--gpu", "RTX4090", "--standbys", "0", "--bid-window", "5m" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["HOME"] = _home;
        var running = new TaskCompletionSource<(TimeSpan, TimeSpan)>(TaskCreationOptions.RunContinuationsAsynchronously);
        Process? started = null;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        started = process;
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data?.Contains(" running on ", StringComparison.Ordinal) == true)
            {
                running.TrySetResult((clock.Elapsed, started!.TotalProcessorTime));
            }
            else if (line.Data is { } text)
            {
                errors.Enqueue(text);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Exited += (_, _) => running.TrySetException(new InvalidOperationException("depin run ended before the lease ran: " + string.Join(Environment.NewLine, errors)));
        process.EnableRaisingEvents = true;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            return await running.Task.WaitAsync(TimeSpan.FromMinutes(4));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("depin run did not report the lease running within 4 minutes: " + string.Join(Environment.NewLine, errors));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await CloseOpenLeasesAsync();
        }
    }

    /// <summary>The same steps with the src/Protocol client: permit order, upload, wait for the offer, finalize, wait for Running.</summary>
    public async Task<TimeSpan> ByHandAsync()
    {
        var spec = await WriteSpecAsync();
        var clock = Stopwatch.StartNew();
        var market = _devnet.Market(_key);
        var request = new OrderRequest(spec.Cid, OrderKind.Stateful, "RTX4090", 0, 1, 1, 0, MaxPricePerSecond, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), MaxPricePerSecond * 3600);
        var orderId = await market.CreateOrderWithPermitAsync(request, DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None);
        // A node takes a spec only once it has seen the order (as for the CLI): retry until it does.
        await UntilAsync(async () =>
        {
            using var response = await _http.PostAsync(new Uri(_node.Api, "/uploads"), new ByteArrayContent(spec.Bytes));
            return response.StatusCode == HttpStatusCode.Created;
        });
        await UntilAsync(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == 1);
        var leaseId = (await market.FinalizeOrderAsync(orderId, CancellationToken.None)).FirstLeaseId;
        await UntilAsync(async () => (await market.GetLeaseAsync(leaseId, CancellationToken.None))?.State == LeaseState.Running);
        var elapsed = clock.Elapsed;
        await market.CloseLeaseAsync(leaseId, CancellationToken.None);
        return elapsed;
    }

    /// <summary>Closes the leases a stopped <c>depin run</c> left running, so that every run finds the node's GPUs free.</summary>
    private async Task CloseOpenLeasesAsync()
    {
        var market = _devnet.Market(_key);
        foreach (var (leaseId, status) in await _node.LeasesAsync(_http))
        {
            if (status == "Running")
            {
                await market.CloseLeaseAsync(BigInteger.Parse(leaseId, System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
            }
        }
    }

    private async Task<(string Path, byte[] Bytes, Cid Cid)> WriteSpecAsync()
    {
        // A new spec each run (its CID names one order); the workload runs until the lease ends.
        var env = new JsonObject { ["LOOP_STEPS"] = "1000000", ["LOOP_CHECKPOINT_EVERY"] = "1000000", ["LOOP_STEP_SECONDS"] = "1", ["RUN"] = (++_specs).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var bytes = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 1, ["runtime"] = "process",
            ["command"] = new JsonArray("/bin/sh", Path.Combine(DePinGpu.TestSupport.RepositoryPaths.Root, "samples", "shell-loop", "run.sh")), ["env"] = env,
            // One node: no standby, so no checkpoint replica to wait for.
            ["checkpoint"] = new JsonObject { ["replicas"] = 0 },
        }.ToJsonString());
        var path = Path.Combine(_home, $"job-{_specs}.json");
        await File.WriteAllBytesAsync(path, bytes);
        return (path, bytes, Cid.ForBlock(MulticodecCode.Raw, bytes));
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The benchmark step did not finish within 4 minutes.");
            }

            await Task.Delay(Poll);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(string home, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Program);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["HOME"] = home;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
