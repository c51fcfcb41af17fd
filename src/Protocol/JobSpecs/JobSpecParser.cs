using System.Text.Json;
using System.Text.RegularExpressions;

namespace DePinGpu.Protocol.JobSpecs;

/// <summary>
/// Parses and validates a job spec (JSON, schema version 1; <c>docs/job-spec.md</c>). Specs come from anyone who
/// places an order, so the document is size-bounded before parsing, unknown fields are refused, every value is
/// range-checked, and every problem is reported with its JSON path. Never throws on bad input.
/// </summary>
public static partial class JobSpecParser
{
    private static readonly Dictionary<string, WorkloadRuntimeKind> Runtimes = new(StringComparer.Ordinal)
    {
        ["docker"] = WorkloadRuntimeKind.Docker,
        ["process"] = WorkloadRuntimeKind.Process,
    };

    private static readonly Dictionary<string, OnChainLossPolicy> LossPolicies = new(StringComparer.Ordinal)
    {
        ["keep"] = OnChainLossPolicy.Keep,
        ["stop"] = OnChainLossPolicy.Stop,
    };

    /// <summary>Parses a spec from UTF-8 bytes.</summary>
    public static JobSpecParseResult Parse(ReadOnlySpan<byte> document)
    {
        if (document.Length > JobSpecLimits.MaxDocumentBytes)
        {
            return Refuse("$", $"the spec is {document.Length} bytes; at most {JobSpecLimits.MaxDocumentBytes} are allowed");
        }

        JsonDocument json;
        try
        {
            var reader = new Utf8JsonReader(document, new JsonReaderOptions { MaxDepth = JobSpecLimits.MaxDepth });
            json = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException exception)
        {
            return Refuse("$", $"not valid JSON: {exception.Message}");
        }

        using (json)
        {
            return ParseRoot(json.RootElement);
        }
    }

    /// <summary>Parses a spec from text.</summary>
    public static JobSpecParseResult Parse(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Length > JobSpecLimits.MaxDocumentBytes)
        {
            return Refuse("$", $"the spec is over {JobSpecLimits.MaxDocumentBytes} bytes; at most {JobSpecLimits.MaxDocumentBytes} are allowed");
        }

        return Parse(System.Text.Encoding.UTF8.GetBytes(document));
    }

    private static JobSpecParseResult ParseRoot(JsonElement root)
    {
        var errors = new List<JobSpecError>();
        var fields = SpecFieldReader.ForObject(root, "$", errors);
        if (fields is null)
        {
            return JobSpecParseResult.Invalid(errors);
        }

        var version = fields.Integer("schemaVersion", 1, int.MaxValue, required: true);
        if (version is not null and not JobSpec.CurrentSchemaVersion)
        {
            fields.Error("schemaVersion", $"version {version} is not supported; this node reads version {JobSpec.CurrentSchemaVersion}");
            return JobSpecParseResult.Invalid(errors);
        }

        var runtime = fields.Choice("runtime", Runtimes, required: true);
        var image = ReadImage(fields, runtime);
        var command = ReadCommand(fields, runtime);
        var resources = JobSpecSectionParser.Resources(fields, errors);
        var environment = JobSpecSectionParser.Environment(fields, errors);
        var inputs = JobSpecSectionParser.Inputs(fields, errors);
        var checkpoint = JobSpecSectionParser.Checkpoint(fields, errors);
        var grace = fields.Integer("gracePeriodSeconds", 0, JobSpecLimits.MaxGracePeriodSeconds);
        var restartCode = fields.Integer("restartExitCode", 1, JobSpecLimits.MaxRestartExitCode);
        var loss = fields.Choice("onChainLoss", LossPolicies);
        var service = JobSpecSectionParser.Service(fields, errors);
        fields.RejectUnknownFields();
        if (errors.Count > 0 || runtime is null)
        {
            return JobSpecParseResult.Invalid(errors);
        }

        return JobSpecParseResult.Valid(new JobSpec
        {
            Runtime = runtime.Value,
            Image = image,
            Command = command,
            Resources = resources,
            Environment = environment,
            Inputs = inputs,
            Checkpoint = checkpoint,
            GracePeriod = TimeSpan.FromSeconds(grace ?? 30),
            RestartExitCode = (int?)restartCode,
            OnChainLoss = loss ?? OnChainLossPolicy.Keep,
            Service = service,
        });
    }

    private static string? ReadImage(SpecFieldReader fields, WorkloadRuntimeKind? runtime)
    {
        var image = fields.Text("image", JobSpecLimits.MaxImageLength);
        if (runtime == WorkloadRuntimeKind.Docker && image is null && fields.Field("image") is null)
        {
            fields.Error("image", "is required for runtime \"docker\" (an image name[:tag] or name@sha256:digest)");
        }
        else if (runtime == WorkloadRuntimeKind.Process && image is not null)
        {
            fields.Error("image", "is only for runtime \"docker\"; a process runs \"command\"");
        }
        else if (image is not null && !ImageReference().IsMatch(image))
        {
            fields.Error("image", $"\"{image}\" is not an image reference (name[:tag] or name@sha256:<64 hex>)");
            return null;
        }

        return image;
    }

    private static string[] ReadCommand(SpecFieldReader fields, WorkloadRuntimeKind? runtime)
    {
        var path = fields.Child("command");
        if (fields.Field("command") is not { } value)
        {
            if (runtime == WorkloadRuntimeKind.Process)
            {
                fields.Error("command", "is required for runtime \"process\" (the program and its arguments)");
            }

            return [];
        }

        var arguments = JobSpecSectionParser.StringArray(value, path, JobSpecLimits.MaxCommandArguments, fields.Errors);
        if (arguments is { Length: > 0 } && arguments[0].Length == 0)
        {
            fields.Error("command", "the program (first element) must not be empty");
        }
        else if (arguments is { Length: 0 } && runtime == WorkloadRuntimeKind.Process)
        {
            fields.Error("command", "must name the program to run");
        }

        return arguments ?? [];
    }

    private static JobSpecParseResult Refuse(string path, string message) =>
        JobSpecParseResult.Invalid([new JobSpecError(path, message)]);

    // Docker's reference grammar: optional registry host[:port]/, lower-case path components, optional :tag, optional @sha256:digest.
    [GeneratedRegex(@"^(?:[a-zA-Z0-9.-]+(?::[0-9]{1,5})?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$", RegexOptions.CultureInvariant)]
    private static partial Regex ImageReference();
}
