namespace DePinGpu.TenantCli.Cli;

/// <summary>An expected failure of a command: the message is one sentence the user can act on; the exit code says its kind.</summary>
internal sealed class CliException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CliException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code (see <see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; }

    /// <summary>Bad input: exit code <see cref="ExitCodes.Usage"/>.</summary>
    public static CliException Usage(string message) => new(message, ExitCodes.Usage);

    /// <summary>Configuration fault: exit code <see cref="ExitCodes.Configuration"/>.</summary>
    public static CliException Configuration(string message) => new(message, ExitCodes.Configuration);

    /// <summary>Wallet fault: exit code <see cref="ExitCodes.Wallet"/>.</summary>
    public static CliException Wallet(string message) => new(message, ExitCodes.Wallet);

    /// <summary>Unknown order, lease or wallet: exit code <see cref="ExitCodes.NotFound"/>.</summary>
    public static CliException NotFound(string message) => new(message, ExitCodes.NotFound);
}
