using Microsoft.Extensions.Options;

namespace DePinGpu.Libp2p.Configuration;

/// <summary>
/// Collects what is wrong with one options object, each problem naming its full configuration key
/// (<c>Libp2p:Limits:MaxConnections must be at least 1.</c>), so an operator can fix the file without reading code.
/// </summary>
public sealed class ConfigurationProblems
{
    private readonly string _section;
    private readonly List<string> _problems = [];

    /// <summary>Problems of the options bound from <paramref name="section"/> (a configuration path such as <c>Libp2p</c>).</summary>
    public ConfigurationProblems(string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        _section = section;
    }

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>The full key of <paramref name="key"/> (relative to the section).</summary>
    public string KeyOf(string key) => _section.Length == 0 ? key : $"{_section}:{key}";

    /// <summary>Records <paramref name="problem"/> against <paramref name="key"/> unless <paramref name="condition"/> holds.</summary>
    public ConfigurationProblems Require(bool condition, string key, string problem)
    {
        if (!condition)
        {
            _problems.Add($"{KeyOf(key)} {problem}");
        }

        return this;
    }

    /// <summary>Records that a positive duration is required at <paramref name="key"/>.</summary>
    public ConfigurationProblems RequirePositive(TimeSpan value, string key) =>
        Require(value > TimeSpan.Zero, key, $"must be a positive duration (is {value}).");

    /// <summary>Records that <paramref name="value"/> must lie in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public ConfigurationProblems RequireRange(long value, long minimum, long maximum, string key) =>
        Require(value >= minimum && value <= maximum, key, $"must be between {minimum} and {maximum} (is {value}).");

    /// <summary>Records the message of an existing check that throws <see cref="ArgumentException"/>, against <paramref name="key"/>.</summary>
    public ConfigurationProblems RequireValid(Action check, string key)
    {
        ArgumentNullException.ThrowIfNull(check);
        try
        {
            check();
        }
        catch (ArgumentException exception)
        {
            _problems.Add($"{KeyOf(key)}: {exception.Message}");
        }

        return this;
    }

    /// <summary>The result for <see cref="IValidateOptions{TOptions}"/>: success, or failure listing every problem.</summary>
    public ValidateOptionsResult ToResult() => _problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_problems);
}
