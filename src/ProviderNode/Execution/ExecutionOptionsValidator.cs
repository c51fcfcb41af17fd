using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Execution;

/// <summary>Refuses bad execution settings at start-up, naming the key and the reason.</summary>
public sealed partial class ExecutionOptionsValidator : IValidateOptions<ExecutionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = ExecutionOptions.Section;
        if (!NodeNamePattern().IsMatch(options.NodeName))
        {
            failures.Add($"{section}:NodeName \"{options.NodeName}\" must be 1-64 letters, digits, '.', '_' or '-'.");
        }

        if (options.DockerEndpoint is { } endpoint && !IsDockerEndpoint(endpoint))
        {
            failures.Add($"{section}:DockerEndpoint \"{endpoint}\" must be a unix:// socket or a tcp:// loopback address.");
        }

        if (options.EnableProcessRuntime && string.IsNullOrWhiteSpace(options.ProcessStateDirectory))
        {
            failures.Add($"{section}:ProcessStateDirectory is required when {section}:EnableProcessRuntime is true.");
        }

        if (options.LogBytesPerWorkload is < 4096 or > 1L << 30)
        {
            failures.Add($"{section}:LogBytesPerWorkload must be from 4096 to 1073741824, found {options.LogBytesPerWorkload}.");
        }

        if (options.MaxLogLineCharacters is < 80 or > 1 << 20)
        {
            failures.Add($"{section}:MaxLogLineCharacters must be from 80 to 1048576, found {options.MaxLogLineCharacters}.");
        }

        if (options.MaxRestarts is < 0 or > 1000)
        {
            failures.Add($"{section}:MaxRestarts must be from 0 to 1000, found {options.MaxRestarts}.");
        }

        if (!IPAddress.TryParse(options.ServiceBindAddress, out _))
        {
            failures.Add($"{section}:ServiceBindAddress \"{options.ServiceBindAddress}\" is not an IP address.");
        }

        if (options.ContainerPidsLimit is < 16 or > 1 << 22)
        {
            failures.Add($"{section}:ContainerPidsLimit must be from 16 to 4194304, found {options.ContainerPidsLimit}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsDockerEndpoint(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
        && (uri.Scheme == "unix" || (uri.Scheme == "tcp" && IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address)));

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NodeNamePattern();
}
