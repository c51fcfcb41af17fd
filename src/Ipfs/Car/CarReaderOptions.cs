namespace DePinGpu.Ipfs.Car;

/// <summary>Limits applied while reading a CAR from an untrusted source.</summary>
public sealed class CarReaderOptions
{
    /// <summary>Largest header accepted, in bytes.</summary>
    public int MaxHeaderSize { get; set; } = 64 * 1024;

    /// <summary>Largest block accepted, in bytes (Bitswap's 2 MiB by default).</summary>
    public int MaxBlockSize { get; set; } = 2 * 1024 * 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        if (MaxHeaderSize is < 64 or > 16 * 1024 * 1024)
        {
            throw new ArgumentException($"MaxHeaderSize {MaxHeaderSize} must be between 64 bytes and 16 MiB.");
        }

        if (MaxBlockSize is < 1024 or > 64 * 1024 * 1024)
        {
            throw new ArgumentException($"MaxBlockSize {MaxBlockSize} must be between 1 KiB and 64 MiB.");
        }
    }
}
