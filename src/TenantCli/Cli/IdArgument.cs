using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace DePinGpu.TenantCli.Cli;

/// <summary>Order and lease ids on the command line: positive whole numbers.</summary>
internal static class IdArgument
{
    /// <summary>An id argument named <paramref name="name"/>.</summary>
    public static Argument<string> Create(string name, string description) => new(name) { Description = description };

    /// <summary>The id in <paramref name="text"/>; throws a usage error naming <paramref name="name"/>.</summary>
    public static BigInteger Parse(string? text, string name) =>
        text is { Length: > 0 and <= 78 } && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw CliException.Usage($"{name} must be a positive whole number (as `depin order list` shows), not '{text}'.");
}
