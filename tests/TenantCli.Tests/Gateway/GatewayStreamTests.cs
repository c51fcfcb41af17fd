using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace DePinGpu.TenantCli.Tests.Gateway;

/// <summary>A server-sent-event stream through the gateway whose replica dies mid-stream.</summary>
public sealed partial class GatewayStreamTests
{
    private const int Events = 12;
    private const int CutAfter = 4;

    [Fact]
    public async Task Stream_CutByAReplicasDeath_ContinuesOnAnotherAndTheClientGetsEveryEventOnceInOrder()
    {
        var kill = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var first = await TestReplica.StartAsync(StreamThatDiesOnce(honoursResume: true, kill.Task));
        await using var second = await TestReplica.StartAsync(StreamThatDiesOnce(honoursResume: true, kill.Task));
        await using var gateway = await TestGateway.StartAsync([first.Address(1), second.Address(2)]);

        var (response, body) = await ReadStreamAsync(gateway, kill);

        Assert.True(response.IsSuccessStatusCode, string.Join("\n", gateway.Parts.Events.Recent(20)));
        Assert.Equal(Enumerable.Range(1, Events), Ids(body));
        Assert.DoesNotContain("event: error", body, StringComparison.Ordinal);
        Assert.Equal(1, gateway.Parts.Metrics.StreamsResumed);
    }

    [Fact]
    public async Task Stream_CutByAReplicasDeath_WhenTheServiceIgnoresTheResumeHeaders_EndsWithAnErrorEventAndNoDuplicate()
    {
        var kill = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var first = await TestReplica.StartAsync(StreamThatDiesOnce(honoursResume: false, kill.Task));
        await using var second = await TestReplica.StartAsync(StreamThatDiesOnce(honoursResume: false, kill.Task));
        await using var gateway = await TestGateway.StartAsync([first.Address(1), second.Address(2)]);

        var (response, body) = await ReadStreamAsync(gateway, kill);

        Assert.True(response.IsSuccessStatusCode, string.Join("\n", gateway.Parts.Events.Recent(20)));
        Assert.Equal(Enumerable.Range(1, CutAfter), Ids(body));
        Assert.EndsWith("\n\n", body, StringComparison.Ordinal);
        Assert.Contains("event: error\ndata: {\"error\":\"stream-interrupted\",\"delivered\":4", body, StringComparison.Ordinal);
    }

    /// <summary>Reads the stream line by line; once the client holds event 4, the replica serving it is killed.</summary>
    private static async Task<(HttpResponseMessage Response, string Body)> ReadStreamAsync(TestGateway gateway, TaskCompletionSource kill)
    {
        var response = await gateway.Client.GetAsync(new Uri(gateway.Address, "events"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var body = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            body.Append(line).Append('\n');
            if (line == $"id: {CutAfter}")
            {
                kill.TrySetResult();
            }
        }

        return (response, body.ToString());
    }

    /// <summary>
    /// Events 1..12, one per write; a first request (no resume header) writes events 1..4 and half of event 5, and its
    /// connection is aborted (as a killed node's would be) once the client holds event 4. A replica that honours the
    /// convention starts after <c>Last-Event-ID</c>.
    /// </summary>
    private static Func<HttpContext, Task> StreamThatDiesOnce(bool honoursResume, Task killed)
    {
        return async context =>
        {
            var dies = !context.Request.Headers.ContainsKey("DePin-Events-Delivered");
            var last = honoursResume && int.TryParse(context.Request.Headers["Last-Event-ID"], CultureInfo.InvariantCulture, out var resumeAfter) ? resumeAfter : 0;
            context.Response.ContentType = "text/event-stream";
            for (var number = last + 1; number <= Events; number++)
            {
                if (dies && number > CutAfter)
                {
                    // Half an event, then the connection goes: the gateway must not pass the fragment on.
                    await context.Response.WriteAsync($"id: {number}\ndata: par");
                    await context.Response.Body.FlushAsync();
                    await killed;
                    context.Abort();
                    return;
                }

                await context.Response.WriteAsync($"id: {number}\ndata: {{\"n\":{number}}}\n\n");
                await context.Response.Body.FlushAsync();
            }
        };
    }

    private static IEnumerable<int> Ids(string body) =>
        IdLine().Matches(body).Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex(@"^id: (\d+)$", RegexOptions.Multiline)]
    private static partial Regex IdLine();
}
