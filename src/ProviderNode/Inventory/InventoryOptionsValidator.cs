using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Inventory;

/// <summary>Refuses bad inventory settings at start-up, naming the key and the reason.</summary>
public sealed class InventoryOptionsValidator : IValidateOptions<InventoryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, InventoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = InventoryOptions.Section;
        if (string.IsNullOrWhiteSpace(options.NvidiaSmiPath))
        {
            failures.Add($"{section}:NvidiaSmiPath must name the nvidia-smi program.");
        }

        if (options.QueryTimeout <= TimeSpan.Zero || options.QueryTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{section}:QueryTimeout must be above 0 and at most 00:05:00, found {options.QueryTimeout}.");
        }

        if (options.Mode == InventoryMode.Declared && options.Declared.Count == 0)
        {
            failures.Add($"{section}:Declared must list at least one GPU when {section}:Mode is Declared.");
        }

        for (var index = 0; index < options.Declared.Count; index++)
        {
            var gpu = options.Declared[index];
            var key = $"{section}:Declared:{index}";
            if (string.IsNullOrWhiteSpace(gpu.Model) || gpu.Model.Length > 64 || gpu.Model.Contains(',', StringComparison.Ordinal))
            {
                failures.Add($"{key}:Model must be 1-64 characters without commas.");
            }

            if (gpu.MemoryMebibytes is < 1 or > 16L * 1024 * 1024)
            {
                failures.Add($"{key}:MemoryMebibytes must be from 1 to 16777216, found {gpu.MemoryMebibytes}.");
            }

            if (gpu.Count is < 1 or > 64)
            {
                failures.Add($"{key}:Count must be from 1 to 64, found {gpu.Count}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
