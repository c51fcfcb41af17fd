namespace DePinGpu.Protocol.Configuration;

/// <summary>The chain options do not work: the message lists every problem and what to change.</summary>
public sealed class ChainConfigurationException : Exception
{
    /// <summary>Creates the exception from a list of problems.</summary>
    public ChainConfigurationException(IReadOnlyList<string> problems, Exception? innerException = null)
        : base("The chain configuration does not work:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)), innerException)
    {
        Problems = problems;
    }

    /// <summary>Each problem, as a sentence.</summary>
    public IReadOnlyList<string> Problems { get; }
}
