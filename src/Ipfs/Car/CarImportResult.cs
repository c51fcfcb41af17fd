namespace DePinGpu.Ipfs.Car;

/// <summary>What a CAR import stored.</summary>
/// <param name="Roots">Each root with its pin outcome.</param>
/// <param name="BlockCount">Blocks read and verified.</param>
/// <param name="ByteCount">CAR bytes read.</param>
public sealed record CarImportResult(IReadOnlyList<CarRootOutcome> Roots, long BlockCount, long ByteCount);
