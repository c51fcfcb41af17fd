using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Checkpoints;

/// <summary>Refuses bad checkpoint settings at start-up, naming the key and the reason.</summary>
public sealed class CheckpointWatcherOptionsValidator : IValidateOptions<CheckpointWatcherOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CheckpointWatcherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = CheckpointWatcherOptions.Section;
        if (options.MaxCheckpointBytes < 1)
        {
            failures.Add($"{section}:MaxCheckpointBytes must be at least 1, found {options.MaxCheckpointBytes}.");
        }

        if (options.MaxEntriesPerCheckpoint is < 1 or > 10_000_000)
        {
            failures.Add($"{section}:MaxEntriesPerCheckpoint must be from 1 to 10000000, found {options.MaxEntriesPerCheckpoint}.");
        }

        if (options.RescanInterval < TimeSpan.FromMilliseconds(50) || options.RescanInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{section}:RescanInterval must be from 00:00:00.05 to 00:10:00, found {options.RescanInterval}.");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(50) || options.PollInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{section}:PollInterval must be from 00:00:00.05 to 00:10:00, found {options.PollInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
