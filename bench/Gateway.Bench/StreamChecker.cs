using System.Globalization;
using System.Text.RegularExpressions;

namespace DePinGpu.Gateway.Bench;

/// <summary>Reads one SSE stream after another through the gateway and checks each holds ids 1..20 exactly once, in order.</summary>
internal sealed partial class StreamChecker(Uri target, HttpClient client)
{
    private readonly CancellationTokenSource _stop = new();
    private int _completed;
    private int _broken;

    public int Completed => _completed;

    public int Broken => _broken;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        while (!linked.IsCancellationRequested)
        {
            string body;
            try
            {
                body = await client.GetStringAsync(target, CancellationToken.None);
            }
            catch (HttpRequestException)
            {
                _broken++;
                continue;
            }

            var ids = IdLine().Matches(body).Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            if (ids.SequenceEqual(Enumerable.Range(1, 20)) && !body.Contains("event: error", StringComparison.Ordinal))
            {
                _completed++;
            }
            else
            {
                _broken++;
            }
        }
    }

    public Task StopAsync() => _stop.CancelAsync();

    [GeneratedRegex(@"^id: (\d+)$", RegexOptions.Multiline)]
    private static partial Regex IdLine();
}
