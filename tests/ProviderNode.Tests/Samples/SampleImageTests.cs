using System.Globalization;
using System.Net.Http.Headers;
using DePinGpu.ProviderNode.Execution;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.TestSupport;

namespace DePinGpu.ProviderNode.Tests.Samples;

/// <summary>The sample images (samples/echo-service, samples/train) run by the Docker runtime.</summary>
[Collection(DockerCollection.Name)]
public sealed class SampleImageTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly DockerEngineFixture _engine;
    private readonly string _nodeName = "test-" + Guid.NewGuid().ToString("N")[..10];
    private readonly TemporaryDirectory _directory = new();
    private DockerWorkloadRuntime? _runtime;

    public SampleImageTests(DockerEngineFixture engine) => _engine = engine;

    [SkippableFact]
    public async Task EchoService_AnswersHealthEchoesAndResumesAnEventStreamFromLastEventId()
    {
        var port = FreePort.Next();
        var spec = new JobSpec
        {
            Runtime = WorkloadRuntimeKind.Docker,
            Image = await ImageAsync("echo-service"),
            Service = new ServiceSpec(8080, "/health", true),
        };
        var workload = await StartAsync(new WorkloadLaunch(new LeaseEpoch(5, 1), spec, Folders(), 0, port));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        await WaitHealthyAsync(http, workload);

        var echo = await http.GetStringAsync("/echo?x=1");
        using var posted = await http.PostAsync("/echo", new StringContent("payload", new MediaTypeHeaderValue("text/plain")));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/events?count=5&interval=0");
        request.Headers.Add("Last-Event-ID", "3");
        using var events = await http.SendAsync(request);
        var stream = await events.Content.ReadAsStringAsync();

        Assert.Contains("\"replica\": \"5/1\"", echo, StringComparison.Ordinal);
        Assert.Equal("payload", await posted.Content.ReadAsStringAsync());
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["id: 4", "id: 5"], stream.Split('\n').Where(line => line.StartsWith("id: ", StringComparison.Ordinal)));
        await workload.StopAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
    }

    [SkippableFact]
    public async Task Train_ResumedFromACheckpoint_ContinuesAtTheNextStepWithTheSameLosses()
    {
        var image = await ImageAsync("train");
        var environment = new Dictionary<string, string>
        {
            ["TRAIN_STEPS"] = "60", ["TRAIN_CHECKPOINT_SECONDS"] = "0.3", ["TRAIN_STEP_SECONDS"] = "0.02", ["TRAIN_LOG_EVERY"] = "1",
        };
        var spec = new JobSpec { Runtime = WorkloadRuntimeKind.Docker, Image = image, Environment = environment };
        var first = await StartAsync(new WorkloadLaunch(new LeaseEpoch(9, 1), spec, Folders(), 0));
        Assert.Equal(0, (await first.Completion.WaitAsync(Patience)).ExitCode);
        var checkpoint = Directory.GetDirectories(_directory.Combine("checkpoints"))
            .Select(folder => int.Parse(Path.GetFileName(folder)["step-".Length..], CultureInfo.InvariantCulture))
            .Where(step => step < 55 && File.Exists(_directory.Combine("checkpoints", $"step-{step}", ".complete")))
            .Max();

        var resumed = await StartAsync(new WorkloadLaunch(new LeaseEpoch(9, 2), spec, Folders(_directory.Combine("checkpoints", $"step-{checkpoint}")), 0));
        Assert.Equal(0, (await resumed.Completion.WaitAsync(Patience)).ExitCode);

        var resumedLines = resumed.Logs.Read().Select(line => line.Text).ToList();
        Assert.Contains($"resumed from step={checkpoint} dir=/depin/resume", resumedLines);
        Assert.StartsWith($"step={checkpoint + 1} ", resumedLines.First(line => line.StartsWith("step=", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(Losses(first, checkpoint + 1), Losses(resumed, checkpoint + 1));
        Assert.True(File.Exists(_directory.Combine("checkpoints", $"step-{checkpoint}", "state.pt")));
        Assert.True(File.Exists(_directory.Combine("output", "model.pt")));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _engine.RemoveContainersAsync(_nodeName);
        _runtime?.Dispose();
    }

    public void Dispose() => _directory.Dispose();

    private static string[] Losses(IWorkload workload, int fromStep) => workload.Logs.Read()
        .Select(line => line.Text)
        .Where(text => text.StartsWith("step=", StringComparison.Ordinal))
        .Where(text => int.Parse(text["step=".Length..text.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture) >= fromStep)
        .ToArray();

    private async Task<string> ImageAsync(string name)
    {
        Skip.If(_engine.SkipReason is not null, _engine.SkipReason);
        return await _engine.ImageAsync(name);
    }

    private WorkloadDirectories Folders(string? resume = null) => new(_directory.Combine("checkpoints"), _directory.Combine("output"), resume, null);

    private async Task<IWorkload> StartAsync(WorkloadLaunch launch)
    {
        _runtime ??= _engine.CreateRuntime(_nodeName);
        var result = await _runtime.StartAsync(launch, CancellationToken.None);
        Assert.True(result.Started, result.Refusal);
        return result.Workload!;
    }

    private static async Task WaitHealthyAsync(HttpClient http, IWorkload workload)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await workload.Logs.WaitForLineAsync(line => line.Text.StartsWith("echo-service listening", StringComparison.Ordinal), deadline.Token);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("/health", deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The port is published a moment after the service listens inside: ask again.
            }

            await Task.Delay(50, deadline.Token);
        }
    }
}
