namespace DePinGpu.Ipfs.Storage;

/// <summary>Settings of <see cref="ContentStore"/>.</summary>
public sealed record ContentStoreOptions
{
    /// <summary>The LiteDB file holding the pins. Required.</summary>
    public string PinDatabasePath { get; init; } = string.Empty;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(PinDatabasePath))
        {
            throw new ArgumentException("Invalid content store options: PinDatabasePath must name the pin database file.");
        }
    }
}
