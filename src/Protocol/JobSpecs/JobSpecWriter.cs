using System.Globalization;
using System.Text.Json;

namespace DePinGpu.Protocol.JobSpecs;

/// <summary>
/// Writes a spec as schema-version-1 JSON that <see cref="JobSpecParser"/> reads back to the same spec. The output is
/// canonical (fixed field order, env sorted), so the same spec always has the same bytes and the same CID.
/// </summary>
public static class JobSpecWriter
{
    private static readonly Dictionary<WorkloadSignal, string> SignalNames = new()
    {
        [WorkloadSignal.User1] = "SIGUSR1",
        [WorkloadSignal.User2] = "SIGUSR2",
        [WorkloadSignal.Hangup] = "SIGHUP",
        [WorkloadSignal.Interrupt] = "SIGINT",
    };

    /// <summary>The spec as UTF-8 JSON.</summary>
    public static byte[] ToUtf8(JobSpec spec, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            Write(writer, spec);
        }

        return buffer.ToArray();
    }

    /// <summary>The spec as JSON text.</summary>
    public static string ToJson(JobSpec spec, bool indented = false) => System.Text.Encoding.UTF8.GetString(ToUtf8(spec, indented));

    private static void Write(Utf8JsonWriter writer, JobSpec spec)
    {
        writer.WriteStartObject();
        writer.WriteNumber("schemaVersion", JobSpec.CurrentSchemaVersion);
        writer.WriteString("runtime", spec.Runtime == WorkloadRuntimeKind.Docker ? "docker" : "process");
        if (spec.Image is not null)
        {
            writer.WriteString("image", spec.Image);
        }

        if (spec.Command.Count > 0)
        {
            writer.WriteStartArray("command");
            foreach (var argument in spec.Command)
            {
                writer.WriteStringValue(argument);
            }

            writer.WriteEndArray();
        }

        WriteResources(writer, spec.Resources);
        WriteEnvironment(writer, spec.Environment);
        WriteInputs(writer, spec.Inputs);
        writer.WriteStartObject("checkpoint");
        writer.WriteNumber("intervalSeconds", (long)spec.Checkpoint.Interval.TotalSeconds);
        writer.WriteNumber("replicas", spec.Checkpoint.Replicas);
        writer.WriteString("signal", SignalNames[spec.Checkpoint.Signal]);
        writer.WriteEndObject();
        writer.WriteNumber("gracePeriodSeconds", (long)spec.GracePeriod.TotalSeconds);
        if (spec.RestartExitCode is { } code)
        {
            writer.WriteNumber("restartExitCode", code);
        }

        writer.WriteString("onChainLoss", spec.OnChainLoss == OnChainLossPolicy.Stop ? "stop" : "keep");
        WriteService(writer, spec.Service);
        writer.WriteEndObject();
    }

    private static void WriteResources(Utf8JsonWriter writer, ResourceRequest resources)
    {
        writer.WriteStartObject("resources");
        writer.WriteNumber("gpus", resources.Gpus);
        if (resources.Cpus is { } cpus)
        {
            writer.WritePropertyName("cpus");
            writer.WriteRawValue(cpus.ToString("R", CultureInfo.InvariantCulture));
        }

        if (resources.MemoryMebibytes is { } memory)
        {
            writer.WriteNumber("memoryMiB", memory);
        }

        writer.WriteEndObject();
    }

    private static void WriteEnvironment(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> environment)
    {
        if (environment.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("env");
        foreach (var (name, value) in environment.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteInputs(Utf8JsonWriter writer, IReadOnlyList<InputSpec> inputs)
    {
        if (inputs.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("inputs");
        foreach (var input in inputs)
        {
            writer.WriteStartObject();
            writer.WriteString("cid", input.Cid);
            writer.WriteString("name", input.Name);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteService(Utf8JsonWriter writer, ServiceSpec? service)
    {
        if (service is null)
        {
            return;
        }

        writer.WriteStartObject("service");
        writer.WriteNumber("port", service.Port);
        writer.WriteString("healthPath", service.HealthPath);
        writer.WriteBoolean("idempotent", service.Idempotent);
        writer.WriteEndObject();
    }
}
