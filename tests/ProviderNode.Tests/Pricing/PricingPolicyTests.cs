using System.Numerics;
using System.Text.Json;
using DePinGpu.ProviderNode.Pricing;
using DePinGpu.ProviderNode.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Tests.Pricing;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PricingPolicyTests : IDisposable
{
    private static readonly PricingRequest Order = new(
        OrderId: 42, GpuModel: "NVIDIA H200", MinimumVramGigabytes: 0, GpusPerReplica: 2, Kind: "stateful", Replicas: 1,
        MaxPricePerSecond: BigInteger.Parse("1000000000000000000000", System.Globalization.CultureInfo.InvariantCulture),
        MaxDurationSeconds: 3600, Runtime: "docker", AsStandby: true);

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Configured_PricesTheModelPerGpuSecondTimesTheGpus()
    {
        var policy = Configured(new PricingOptions { PerGpuSecond = new Dictionary<string, string> { ["NVIDIA H200"] = "123456789012345678901" } });

        var quote = await policy.QuoteAsync(Order, CancellationToken.None);

        Assert.Equal(BigInteger.Parse("246913578024691357802", System.Globalization.CultureInfo.InvariantCulture), quote.PricePerSecond);
    }

    [Fact]
    public async Task Configured_UnlistedModel_UsesTheDefault_OrDeclines()
    {
        var withDefault = Configured(new PricingOptions { DefaultPerGpuSecond = "5" });
        var without = Configured(new PricingOptions { PerGpuSecond = new Dictionary<string, string> { ["other"] = "5" } });

        Assert.Equal(new BigInteger(10), (await withDefault.QuoteAsync(Order, CancellationToken.None)).PricePerSecond);
        Assert.Contains("NVIDIA H200", (await without.QuoteAsync(Order, CancellationToken.None)).Declined, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_ReadsTheOrderAsJsonOnStdin_AndItsPriceIsTheQuote()
    {
        var received = _directory.Combine("stdin.json");
        var policy = Scripted($"cat > '{received}'\necho 777");

        var quote = await policy.QuoteAsync(Order, CancellationToken.None);

        Assert.Equal(new BigInteger(777), quote.PricePerSecond);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(received));
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("42", root.GetProperty("orderId").GetString());
        Assert.Equal("NVIDIA H200", root.GetProperty("gpuModel").GetString());
        Assert.Equal(2, root.GetProperty("gpusPerReplica").GetInt32());
        Assert.Equal("1000000000000000000000", root.GetProperty("maxPricePerSecond").GetString());
        Assert.Equal("stateful", root.GetProperty("kind").GetString());
        Assert.True(root.GetProperty("asStandby").GetBoolean());
    }

    [Theory]
    [InlineData("cat >/dev/null; echo 'no GPUs free' >&2; exit 3", "exited with 3: no GPUs free")]
    [InlineData("cat >/dev/null; echo 12.5", "not a whole number")]
    [InlineData("cat >/dev/null; echo -- -4", "not a whole number")]
    [InlineData("cat >/dev/null", "not a whole number")]
    [InlineData("cat >/dev/null; head -c 100000 /dev/zero | tr '\\0' 1", "not a whole number")]
    [InlineData("exit 0", "not a whole number")]
    public async Task Script_AnythingButAPrice_MeansNoOffer(string body, string reason)
    {
        var quote = await Scripted(body).QuoteAsync(Order, CancellationToken.None);

        Assert.Null(quote.PricePerSecond);
        Assert.Contains(reason, quote.Declined, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_RunningPastTheTimeout_IsKilledWithItsChildren_AndMeansNoOffer()
    {
        var pidFile = _directory.Combine("child.pid");
        var policy = Scripted($"sleep 600 &\necho $! > '{pidFile}'\nwait", TimeSpan.FromMilliseconds(500));

        var quote = await policy.QuoteAsync(Order, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("was killed", quote.Declined, StringComparison.Ordinal);
        var child = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await HasEndedAsync(child), $"the script's child {child} outlived the timeout");
    }

    [Theory]
    [InlineData("Pricing:PerGpuSecond:x", "{\"x\":\"1.5\"}", null)]
    [InlineData("Pricing:DefaultPerGpuSecond", "{}", "-1")]
    [InlineData("Pricing needs a price", "{}", null)]
    public void Validator_NamesTheBadKey(string expected, string perGpuSecond, string? fallback)
    {
        var options = new PricingOptions
        {
            PerGpuSecond = JsonSerializer.Deserialize<Dictionary<string, string>>(perGpuSecond)!,
            DefaultPerGpuSecond = fallback,
        };

        var result = new PricingOptionsValidator().Validate(null, options);

        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private static ConfiguredPricingPolicy Configured(PricingOptions options) => new(Options.Create(options));

    private ScriptPricingPolicy Scripted(string body, TimeSpan? timeout = null)
    {
        var path = _directory.Combine("price.sh");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new PricingOptions { Script = path, ScriptTimeout = timeout ?? TimeSpan.FromSeconds(10) };
        return new ScriptPricingPolicy(Options.Create(options), NullLogger<ScriptPricingPolicy>.Instance);
    }

    private static async Task<bool> HasEndedAsync(int processId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                var stat = await File.ReadAllTextAsync($"/proc/{processId}/stat");
                if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    return true;
                }
            }
            catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or IOException)
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}
