using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Pricing;

/// <summary>
/// Prices through the provider's own program (after Akash's bid-price script): the order as one JSON object on stdin,
/// the price per replica-second as a decimal integer on stdout, exit status 0. Any other outcome — a non-zero exit,
/// output that is not a price, more than 4 KiB of output, or running past the timeout (the program and its children
/// are killed) — means no offer, with the reason logged.
/// </summary>
public sealed class ScriptPricingPolicy : IPricingPolicy
{
    private const int MaxOutputCharacters = 4096;
    private readonly PricingOptions _options;
    private readonly ILogger<ScriptPricingPolicy> _logger;

    /// <summary>Creates the policy; the script runs only when an order is quoted.</summary>
    public ScriptPricingPolicy(IOptions<PricingOptions> options, ILogger<ScriptPricingPolicy> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<PriceQuote> QuoteAsync(PricingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var quote = await RunAsync(request, cancellationToken).ConfigureAwait(false);
        var orderId = request.OrderId.ToString(CultureInfo.InvariantCulture);
        if (quote.PricePerSecond is { } price)
        {
            PricingLog.ScriptPriced(_logger, orderId, price.ToString(CultureInfo.InvariantCulture), (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        else
        {
            PricingLog.Declined(_logger, orderId, quote.Declined!);
        }

        return quote;
    }

    private async Task<PriceQuote> RunAsync(PricingRequest request, CancellationToken cancellationToken)
    {
        var script = _options.Script ?? throw new InvalidOperationException("Pricing:Script is not set.");
        var info = new ProcessStartInfo(script)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{script} did not start.");
        }
        catch (Win32Exception exception)
        {
            return PriceQuote.Decline($"the pricing script {script} could not start: {exception.Message}");
        }

        using (process)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(_options.ScriptTimeout);
            try
            {
                return await ConverseAsync(process, request, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return PriceQuote.Decline($"the pricing script ran longer than {_options.ScriptTimeout} and was killed");
            }
        }
    }

    private static async Task<PriceQuote> ConverseAsync(Process process, PricingRequest request, CancellationToken cancellationToken)
    {
        var output = ReadBoundedAsync(process.StandardOutput, cancellationToken);
        var errors = ReadBoundedAsync(process.StandardError, cancellationToken);
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(PricingScriptInput.ToJson(request), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The script exited without reading the order (a broken pipe): it is judged by its exit and output alone.
        }

        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var printed = (await output.ConfigureAwait(false)).Trim();
        if (process.ExitCode != 0)
        {
            return PriceQuote.Decline($"the pricing script exited with {process.ExitCode}: {(await errors.ConfigureAwait(false)).Trim()}");
        }

        return PriceText.Parse(printed) is { } price
            ? PriceQuote.Of(price)
            : PriceQuote.Decline($"the pricing script printed \"{Shorten(printed)}\", not a whole number of token base units");
    }

    private static async Task<string> ReadBoundedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new char[1024];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            // Keep reading past the limit (so the script is never blocked on a full pipe) but keep nothing more.
            text.Append(buffer, 0, Math.Min(read, Math.Max(0, MaxOutputCharacters + 1 - text.Length)));
        }

        return text.ToString();
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
