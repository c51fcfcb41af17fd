using System.Text;
using CsCheck;
using DePinGpu.Protocol.JobSpecs;

namespace DePinGpu.Protocol.Tests.JobSpecs;

public sealed class JobSpecPropertyTests
{
    private static readonly Gen<string> Word = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 12];

    private static readonly Gen<string> AnyText = Gen.String[Gen.Char[' ', '~'], 0, 40];

    private static readonly Gen<ResourceRequest> Resources =
        from gpus in Gen.Int[0, JobSpecLimits.MaxGpus]
        from cpus in Gen.Int[1, 4096].Select(eighths => eighths / 8.0).Nullable()
        from memory in Gen.Long[JobSpecLimits.MinMemoryMebibytes, JobSpecLimits.MaxMemoryMebibytes].Nullable()
        select new ResourceRequest(gpus, cpus, memory);

    private static readonly Gen<Dictionary<string, string>> Environment =
        Gen.Dictionary(Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ_"], 1, 20].Where(name => !name.StartsWith("DEPIN_", StringComparison.Ordinal) && name != "PORT"), AnyText)[0, 10];

    private static readonly Gen<JobSpec> ValidSpecs =
        from docker in Gen.Bool
        from image in Word.Select(name => $"depingpu/{name}:v1")
        from command in AnyText.Where(text => text.Length > 0).Array[1, 5]
        from resources in Resources
        from environment in Environment
        from interval in Gen.Int[1, JobSpecLimits.MaxCheckpointIntervalSeconds]
        from replicas in Gen.Int[0, JobSpecLimits.MaxCheckpointReplicas]
        from signal in Gen.Enum<WorkloadSignal>()
        from grace in Gen.Int[0, JobSpecLimits.MaxGracePeriodSeconds]
        from restart in Gen.Int[1, JobSpecLimits.MaxRestartExitCode].Nullable()
        from stop in Gen.Bool
        from port in Gen.Int[1, 65535].Nullable()
        select new JobSpec
        {
            Runtime = docker ? WorkloadRuntimeKind.Docker : WorkloadRuntimeKind.Process,
            Image = docker ? image : null,
            Command = command,
            Resources = resources,
            Environment = environment,
            Checkpoint = new CheckpointPolicy(TimeSpan.FromSeconds(interval), replicas, signal),
            GracePeriod = TimeSpan.FromSeconds(grace),
            RestartExitCode = restart,
            OnChainLoss = stop ? OnChainLossPolicy.Stop : OnChainLossPolicy.Keep,
            Service = port is { } number ? new ServiceSpec(number, "/health", stop) : null,
        };

    [Fact]
    public void WrittenSpec_ParsesBackToTheSameSpec()
    {
        ValidSpecs.Sample(spec =>
        {
            var json = JobSpecWriter.ToJson(spec);
            var result = JobSpecParser.Parse(json);
            return result.IsValid && JobSpecWriter.ToJson(result.Spec!) == json;
        });
    }

    [Fact]
    public void AnUnknownField_AnywhereInAValidSpec_IsRefusedByName()
    {
        ValidSpecs.Select(Word).Sample((spec, name) =>
        {
            var json = JobSpecWriter.ToJson(spec);
            var withField = json.Insert(json.IndexOf("\"resources\":{", StringComparison.Ordinal) + 13, $"\"x{name}\":1,");
            var result = JobSpecParser.Parse(withField);
            return !result.IsValid && result.Errors.Any(error => error.Path == $"$.resources.x{name}");
        });
    }

    [Fact]
    public void TruncatedSpec_IsRefusedWithoutThrowing()
    {
        ValidSpecs.Select(Gen.Double[0, 1]).Sample((spec, fraction) =>
        {
            var json = JobSpecWriter.ToUtf8(spec);
            var cut = (int)(fraction * (json.Length - 1));
            return !JobSpecParser.Parse(json.AsSpan(0, cut)).IsValid;
        });
    }

    [Fact]
    public void ArbitraryBytes_NeverThrow()
    {
        Gen.Byte.Array[0, 512].Sample(bytes =>
        {
            var result = JobSpecParser.Parse(bytes);
            return result.IsValid || result.Errors.Count > 0;
        });
    }

    [Fact]
    public void ArbitraryJsonValues_InEveryField_NeverThrow()
    {
        var values = Gen.OneOf<string>("null", "1", "-1", "1.5", "1e400", "\"x\"", "[]", "{}", "[\"a\"]", "{\"a\":1}", "true", "99999999999999999999");
        var fields = Gen.OneOf<string>("schemaVersion", "runtime", "image", "command", "resources", "env", "inputs", "checkpoint",
            "gracePeriodSeconds", "restartExitCode", "onChainLoss", "service");
        Gen.Select(fields, values).Array[1, 6].Sample(pairs =>
        {
            var body = new StringBuilder("{");
            body.AppendJoin(",", pairs.DistinctBy(pair => pair.Item1).Select(pair => $"\"{pair.Item1}\":{pair.Item2}"));
            var result = JobSpecParser.Parse(body.Append('}').ToString());
            return result.IsValid || result.Errors.Count > 0;
        });
    }
}
