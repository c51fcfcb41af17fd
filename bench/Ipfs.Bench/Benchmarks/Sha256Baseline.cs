using System.Security.Cryptography;

namespace DePinGpu.Ipfs.Bench.Benchmarks;

/// <summary>The physical limit of an import: one thread reading the file in 256 KiB chunks and SHA-256 hashing each.</summary>
internal static class Sha256Baseline
{
    public static Task HashFileAsync(string path) => Task.Run(() =>
    {
        var buffer = new byte[262144];
        Span<byte> digest = stackalloc byte[32];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        int read;
        while ((read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)) > 0)
        {
            SHA256.HashData(buffer.AsSpan(0, read), digest);
        }
    });
}
