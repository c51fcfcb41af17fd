using DePinGpu.Protocol.JobSpecs;

namespace DePinGpu.Protocol.Tests.JobSpecs;

public sealed class JobSpecParserTests
{
    private const string TrainSpec = """
        {
          "schemaVersion": 1,
          "runtime": "docker",
          "image": "depingpu/train:7b75b1c377c86f04",
          "resources": { "gpus": 1, "cpus": 2.5, "memoryMiB": 4096 },
          "env": { "TRAIN_STEPS": "3000" },
          "inputs": [ { "cid": "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", "name": "data.bin" } ],
          "checkpoint": { "intervalSeconds": 5, "replicas": 2, "signal": "SIGUSR2" },
          "gracePeriodSeconds": 20,
          "restartExitCode": 75,
          "onChainLoss": "stop"
        }
        """;

    [Fact]
    public void Parse_FullDockerSpec_ReadsEveryField()
    {
        var result = JobSpecParser.Parse(TrainSpec);

        Assert.True(result.IsValid, result.Describe());
        var spec = result.Spec!;
        Assert.Equal(WorkloadRuntimeKind.Docker, spec.Runtime);
        Assert.Equal("depingpu/train:7b75b1c377c86f04", spec.Image);
        Assert.Equal(new ResourceRequest(1, 2.5, 4096), spec.Resources);
        Assert.Equal("3000", spec.Environment["TRAIN_STEPS"]);
        Assert.Equal("data.bin", Assert.Single(spec.Inputs).Name);
        Assert.Equal(new CheckpointPolicy(TimeSpan.FromSeconds(5), 2, WorkloadSignal.User2), spec.Checkpoint);
        Assert.Equal(TimeSpan.FromSeconds(20), spec.GracePeriod);
        Assert.Equal(75, spec.RestartExitCode);
        Assert.Equal(OnChainLossPolicy.Stop, spec.OnChainLoss);
        Assert.Null(spec.Service);
    }

    [Fact]
    public void Parse_MinimalProcessSpec_TakesTheDefaults()
    {
        var result = JobSpecParser.Parse("""{"schemaVersion":1,"runtime":"process","command":["/bin/sh","run.sh"]}""");

        Assert.True(result.IsValid, result.Describe());
        var spec = result.Spec!;
        Assert.Equal(["/bin/sh", "run.sh"], spec.Command);
        Assert.Equal(CheckpointPolicy.Default, spec.Checkpoint);
        Assert.Equal(TimeSpan.FromSeconds(30), spec.GracePeriod);
        Assert.Equal(OnChainLossPolicy.Keep, spec.OnChainLoss);
        Assert.Null(spec.RestartExitCode);
    }

    [Fact]
    public void Parse_ServiceSpec_ReadsPortHealthAndIdempotence()
    {
        var result = JobSpecParser.Parse("""
            {"schemaVersion":1,"runtime":"docker","image":"depingpu/echo-service:latest",
             "service":{"port":8080,"healthPath":"/health","idempotent":true}}
            """);

        Assert.True(result.IsValid, result.Describe());
        Assert.Equal(new ServiceSpec(8080, "/health", true), result.Spec!.Service);
    }

    [Theory]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","gpuCount":1}""", "$.gpuCount", "not a field")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","resources":{"vram":1}}""", "$.resources.vram", "not a field")]
    [InlineData("""{"schemaVersion":2,"runtime":"docker","image":"a"}""", "$.schemaVersion", "not supported")]
    [InlineData("""{"runtime":"docker","image":"a"}""", "$.schemaVersion", "is required")]
    [InlineData("""{"schemaVersion":1,"runtime":"vm","image":"a"}""", "$.runtime", "must be one of")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker"}""", "$.image", "is required")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"UPPER/Case"}""", "$.image", "not an image reference")]
    [InlineData("""{"schemaVersion":1,"runtime":"process"}""", "$.command", "is required")]
    [InlineData("""{"schemaVersion":1,"runtime":"process","image":"a","command":["x"]}""", "$.image", "only for runtime")]
    [InlineData("""{"schemaVersion":1,"runtime":"process","command":[""]}""", "$.command", "must not be empty")]
    [InlineData("""{"schemaVersion":1,"runtime":"process","command":["x",1]}""", "$.command[1]", "must be a string")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","resources":{"gpus":65}}""", "$.resources.gpus", "from 0 to 64")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","resources":{"gpus":1.5}}""", "$.resources.gpus", "whole number")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","resources":{"cpus":0}}""", "$.resources.cpus", "above 0")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","resources":{"memoryMiB":1}}""", "$.resources.memoryMiB", "from 16")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","env":{"DEPIN_EPOCH":"9"}}""", "$.env.DEPIN_EPOCH", "reserved")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","env":{"PORT":"1"}}""", "$.env.PORT", "reserved")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","env":{"1X":"1"}}""", "$.env.1X", "not a variable name")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","env":{"X":"a\u0000b"}}""", "$.env.X", "NUL")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","inputs":[{"cid":"nope","name":"d"}]}""", "$.inputs[0].cid", "not a CID")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","inputs":[{"cid":"bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku","name":".."}]}""", "$.inputs[0].name", "a file name")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","checkpoint":{"intervalSeconds":0}}""", "$.checkpoint.intervalSeconds", "from 1")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","checkpoint":{"signal":"SIGKILL"}}""", "$.checkpoint.signal", "must be one of")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","restartExitCode":0}""", "$.restartExitCode", "from 1 to 125")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","restartExitCode":137}""", "$.restartExitCode", "from 1 to 125")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","onChainLoss":"pause"}""", "$.onChainLoss", "must be one of")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","service":{"port":8080}}""", "$.service.healthPath", "is required")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","service":{"port":0,"healthPath":"/"}}""", "$.service.port", "from 1 to 65535")]
    [InlineData("""{"schemaVersion":1,"runtime":"docker","image":"a","service":{"port":80,"healthPath":"health"}}""", "$.service.healthPath", "must start with /")]
    [InlineData("""[1,2]""", "$", "must be an object")]
    [InlineData("""{"schemaVersion":1,""", "$", "not valid JSON")]
    public void Parse_InvalidSpec_NamesThePathAndTheReason(string document, string path, string reason)
    {
        var result = JobSpecParser.Parse(document);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, error => error.Path == path && error.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEachOne()
    {
        var result = JobSpecParser.Parse("""{"schemaVersion":1,"runtime":"docker","image":"a","gracePeriodSeconds":-1,"extra":1,"resources":{"gpus":-1}}""");

        Assert.Equal(
            ["$.extra", "$.gracePeriodSeconds", "$.resources.gpus"],
            result.Errors.Select(error => error.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_OversizedDocument_IsRefusedBeforeParsing()
    {
        var padding = new string(' ', JobSpecLimits.MaxDocumentBytes);
        var result = JobSpecParser.Parse("""{"schemaVersion":1,"runtime":"docker","image":"a"}""" + padding);

        Assert.Equal("$", Assert.Single(result.Errors).Path);
        Assert.Contains("at most", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooDeeplyNested_IsRefused()
    {
        var nested = string.Concat(Enumerable.Repeat("""{"a":""", 20)) + "1" + new string('}', 20);
        var result = JobSpecParser.Parse($$"""{"schemaVersion":1,"runtime":"docker","image":"a","env":{{nested}}}""");

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Parse_TooManyEnvironmentVariables_IsRefused()
    {
        var variables = string.Join(",", Enumerable.Range(0, JobSpecLimits.MaxEnvironmentVariables + 1).Select(i => $"\"V{i}\":\"x\""));
        var result = JobSpecParser.Parse("""{"schemaVersion":1,"runtime":"docker","image":"a","env":{""" + variables + "}}");

        Assert.Contains(result.Errors, error => error.Path == "$.env" && error.Message.Contains("more than 64", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("depingpu/train:latest")]
    [InlineData("registry.local:5000/team/train_v2:1.0-rc.1")]
    [InlineData("depingpu/train@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("busybox")]
    public void Parse_ImageReferences_AreAccepted(string image)
    {
        var result = JobSpecParser.Parse($$"""{"schemaVersion":1,"runtime":"docker","image":"{{image}}"}""");

        Assert.True(result.IsValid, result.Describe());
    }

    [Fact]
    public void Write_ThenParse_GivesTheSameCanonicalBytes()
    {
        var spec = JobSpecParser.Parse(TrainSpec).Spec!;

        var written = JobSpecWriter.ToJson(spec);
        var reparsed = JobSpecParser.Parse(written);

        Assert.True(reparsed.IsValid, reparsed.Describe());
        Assert.Equal(written, JobSpecWriter.ToJson(reparsed.Spec!));
    }
}
