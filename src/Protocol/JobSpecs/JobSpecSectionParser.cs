using System.Text.Json;
using System.Text.RegularExpressions;
using DePinGpu.Libp2p.Multiformats;

namespace DePinGpu.Protocol.JobSpecs;

/// <summary>The nested sections of a job spec (resources, env, inputs, checkpoint, service); see <see cref="JobSpecParser"/>.</summary>
internal static partial class JobSpecSectionParser
{
    private static readonly Dictionary<string, WorkloadSignal> Signals = new(StringComparer.Ordinal)
    {
        ["SIGUSR1"] = WorkloadSignal.User1,
        ["SIGUSR2"] = WorkloadSignal.User2,
        ["SIGHUP"] = WorkloadSignal.Hangup,
        ["SIGINT"] = WorkloadSignal.Interrupt,
    };

    public static ResourceRequest Resources(SpecFieldReader parent, List<JobSpecError> errors)
    {
        if (parent.Field("resources") is not { } value
            || SpecFieldReader.ForObject(value, parent.Child("resources"), errors) is not { } fields)
        {
            return ResourceRequest.None;
        }

        var gpus = fields.Integer("gpus", 0, JobSpecLimits.MaxGpus);
        var cpus = fields.Number("cpus", 0, JobSpecLimits.MaxCpus);
        var memory = fields.Integer("memoryMiB", JobSpecLimits.MinMemoryMebibytes, JobSpecLimits.MaxMemoryMebibytes);
        fields.RejectUnknownFields();
        return new ResourceRequest((int)(gpus ?? 0), cpus, memory);
    }

    public static IReadOnlyDictionary<string, string> Environment(SpecFieldReader parent, List<JobSpecError> errors)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (parent.Field("env") is not { } value
            || SpecFieldReader.ForObject(value, parent.Child("env"), errors) is not { } fields)
        {
            return result;
        }

        foreach (var variable in value.EnumerateObject())
        {
            var path = fields.Child(variable.Name);
            if (result.Count == JobSpecLimits.MaxEnvironmentVariables)
            {
                errors.Add(new JobSpecError(fields.Path, $"has more than {JobSpecLimits.MaxEnvironmentVariables} variables"));
                break;
            }

            if (!IsAllowedVariableName(variable.Name, path, errors))
            {
                continue;
            }

            if (!result.TryAdd(variable.Name, SpecFieldReader.TextValue(variable.Value, path, JobSpecLimits.MaxValueLength, errors) ?? string.Empty))
            {
                errors.Add(new JobSpecError(path, "is given twice"));
            }
        }

        return result;
    }

    public static IReadOnlyList<InputSpec> Inputs(SpecFieldReader parent, List<JobSpecError> errors)
    {
        var path = parent.Child("inputs");
        if (parent.Field("inputs") is not { } value)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > JobSpecLimits.MaxInputs)
        {
            errors.Add(new JobSpecError(path, $"must be an array of at most {JobSpecLimits.MaxInputs} inputs"));
            return [];
        }

        var inputs = new List<InputSpec>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (Input(item, $"{path}[{index++}]", errors) is { } input)
            {
                if (inputs.Any(existing => existing.Name == input.Name))
                {
                    errors.Add(new JobSpecError($"{path}[{index - 1}].name", $"\"{input.Name}\" is used by another input"));
                }

                inputs.Add(input);
            }
        }

        return inputs;
    }

    public static CheckpointPolicy Checkpoint(SpecFieldReader parent, List<JobSpecError> errors)
    {
        if (parent.Field("checkpoint") is not { } value
            || SpecFieldReader.ForObject(value, parent.Child("checkpoint"), errors) is not { } fields)
        {
            return CheckpointPolicy.Default;
        }

        var interval = fields.Integer("intervalSeconds", 1, JobSpecLimits.MaxCheckpointIntervalSeconds);
        var replicas = fields.Integer("replicas", 0, JobSpecLimits.MaxCheckpointReplicas);
        var signal = fields.Choice("signal", Signals);
        fields.RejectUnknownFields();
        var defaults = CheckpointPolicy.Default;
        return new CheckpointPolicy(
            interval is null ? defaults.Interval : TimeSpan.FromSeconds(interval.Value),
            (int)(replicas ?? defaults.Replicas),
            signal ?? defaults.Signal);
    }

    public static ServiceSpec? Service(SpecFieldReader parent, List<JobSpecError> errors)
    {
        if (parent.Field("service") is not { } value
            || SpecFieldReader.ForObject(value, parent.Child("service"), errors) is not { } fields)
        {
            return null;
        }

        var port = fields.Integer("port", 1, 65535, required: true);
        var health = fields.Text("healthPath", JobSpecLimits.MaxHealthPathLength, required: true);
        var idempotent = fields.Boolean("idempotent");
        fields.RejectUnknownFields();
        if (health is not null && !HealthPath().IsMatch(health))
        {
            fields.Error("healthPath", $"\"{health}\" must start with / and hold only printable ASCII without spaces");
            return null;
        }

        return port is null || health is null ? null : new ServiceSpec((int)port.Value, health, idempotent ?? false);
    }

    public static string[]? StringArray(JsonElement value, string path, int maximumCount, List<JobSpecError> errors)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > maximumCount)
        {
            errors.Add(new JobSpecError(path, $"must be an array of at most {maximumCount} strings"));
            return null;
        }

        var before = errors.Count;
        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items.Add(SpecFieldReader.TextValue(item, $"{path}[{index++}]", JobSpecLimits.MaxValueLength, errors) ?? string.Empty);
        }

        return errors.Count == before ? [.. items] : null;
    }

    private static InputSpec? Input(JsonElement item, string path, List<JobSpecError> errors)
    {
        if (SpecFieldReader.ForObject(item, path, errors) is not { } fields)
        {
            return null;
        }

        var cid = fields.Text("cid", 256, required: true);
        var name = fields.Text("name", 64, required: true);
        fields.RejectUnknownFields();
        if (cid is not null && !Cid.TryParse(cid, out _))
        {
            fields.Error("cid", $"\"{cid}\" is not a CID");
            return null;
        }

        if (name is not null && (!InputName().IsMatch(name) || name is "." or ".."))
        {
            fields.Error("name", $"\"{name}\" must be 1-64 letters, digits, '.', '_' or '-' (a file name, not a path)");
            return null;
        }

        return cid is null || name is null ? null : new InputSpec(cid, name);
    }

    private static bool IsAllowedVariableName(string name, string path, List<JobSpecError> errors)
    {
        if (name.Length > JobSpecLimits.MaxEnvironmentNameLength || !VariableName().IsMatch(name))
        {
            errors.Add(new JobSpecError(path, $"is not a variable name (letters, digits and _, not starting with a digit, at most {JobSpecLimits.MaxEnvironmentNameLength})"));
            return false;
        }

        if (name.StartsWith("DEPIN_", StringComparison.OrdinalIgnoreCase) || name == "PORT")
        {
            errors.Add(new JobSpecError(path, "is set by the node (DEPIN_* and PORT are reserved)"));
            return false;
        }

        return true;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex InputName();

    [GeneratedRegex("^/[!-~]*$", RegexOptions.CultureInvariant)]
    private static partial Regex HealthPath();
}
