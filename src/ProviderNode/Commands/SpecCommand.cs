using System.CommandLine;
using DePinGpu.Protocol.JobSpecs;

namespace DePinGpu.ProviderNode.Commands;

/// <summary><c>depin-node spec validate FILE</c>: checks a job spec as a node would before running it.</summary>
internal static class SpecCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The job spec (JSON)" };
        var output = CommandOutput.CreateOption();
        var validate = new Command("validate", "Check a job spec against the schema and its bounds (docs/job-spec.md)") { file, output };
        validate.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            if (!File.Exists(path))
            {
                return CommandOutput.Fail($"{path} does not exist.");
            }

            var length = new FileInfo(path).Length;
            var parsed = length > JobSpecLimits.MaxDocumentBytes
                ? JobSpecParseResult.Invalid([new JobSpecError("$", $"the spec is {length} bytes; at most {JobSpecLimits.MaxDocumentBytes} are allowed")])
                : JobSpecParser.Parse(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
            if (CommandOutput.IsJson(result, output))
            {
                CommandOutput.WriteJson(new { valid = parsed.IsValid, errors = parsed.Errors.Select(error => new { path = error.Path, message = error.Message }) });
            }
            else if (parsed.IsValid)
            {
                Console.WriteLine($"{path}: a valid schema-version-{JobSpec.CurrentSchemaVersion} spec ({parsed.Spec!.Runtime.ToString().ToLowerInvariant()})");
            }
            else
            {
                Console.Error.WriteLine($"{path} is not a valid job spec:");
                foreach (var error in parsed.Errors)
                {
                    Console.Error.WriteLine($"  {error}");
                }
            }

            return parsed.IsValid ? 0 : 1;
        });
        return new Command("spec", "Job specs") { validate };
    }
}
