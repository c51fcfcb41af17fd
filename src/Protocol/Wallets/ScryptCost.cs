namespace DePinGpu.Protocol.Wallets;

/// <summary>The scrypt work factor of a new keystore.</summary>
/// <param name="N">CPU/memory cost, a power of two.</param>
/// <param name="R">Block size.</param>
/// <param name="P">Parallelism.</param>
public sealed record ScryptCost(int N, int R, int P)
{
    /// <summary>The Web3 Secret Storage default used by geth and Nethereum (about a second and 256 MiB).</summary>
    public static ScryptCost Standard { get; } = new(262_144, 8, 1);

    /// <summary>A light setting for tests and throw-away devnet keys.</summary>
    public static ScryptCost Light { get; } = new(4_096, 8, 1);

    /// <summary>Throws when the parameters are outside what we accept to compute.</summary>
    internal void Validate()
    {
        if (N < 2 || (N & (N - 1)) != 0 || N > KeystoreFile.MaxScryptN)
        {
            throw new ArgumentException($"scrypt N must be a power of two between 2 and {KeystoreFile.MaxScryptN}.");
        }

        if (R is < 1 or > 32 || P is < 1 or > 16)
        {
            throw new ArgumentException("scrypt r must be 1..32 and p 1..16.");
        }
    }
}
