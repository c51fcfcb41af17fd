namespace DePinGpu.ProviderNode.Cli;

/// <summary>A command-line value that cannot be used; the message says which and what to pass instead.</summary>
public sealed class CommandInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CommandInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CommandInputException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public CommandInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
