namespace DePinGpu.Ipfs.Car;

/// <summary>What a CAR export wrote.</summary>
/// <param name="BlockCount">Sections written.</param>
/// <param name="ByteCount">Bytes written, header included.</param>
public readonly record struct CarExportResult(long BlockCount, long ByteCount);
