namespace DePinGpu.Ipfs.Car;

/// <summary>CAR import settings.</summary>
public sealed class CarImportOptions
{
    /// <summary>Pin every root recursively after the import (Kubo's <c>dag import --pin-roots</c>, on by default).</summary>
    public bool PinRoots { get; set; } = true;

    /// <summary>Name given to the root pins.</summary>
    public string? PinName { get; set; }

    /// <summary>Limits applied while reading the CAR.</summary>
    public CarReaderOptions Reader { get; set; } = new();
}
