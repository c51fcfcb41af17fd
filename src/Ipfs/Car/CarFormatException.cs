namespace DePinGpu.Ipfs.Car;

/// <summary>A CAR stream is malformed: bad header, truncated section, oversize block, unparsable CID.</summary>
public sealed class CarFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public CarFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
