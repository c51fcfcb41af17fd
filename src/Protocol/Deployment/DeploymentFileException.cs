namespace DePinGpu.Protocol.Deployment;

/// <summary>A deployment file is missing or malformed; the message names the file and the field.</summary>
public sealed class DeploymentFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeploymentFileException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
