namespace DePinGpu.Ipfs.Tests.Support;

/// <summary>Inputs defined by the IPFS reference vectors.</summary>
internal static class TestData
{
    public const int Chunk = 262144;
    public const int MiB = 1048576;

    /// <summary><c>pattern(n)</c>: byte i = i % 251.</summary>
    public static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var index = 0; index < length; index++)
        {
            bytes[index] = (byte)(index % 251);
        }

        return bytes;
    }

    public static byte[] Hello => "hello world\n"u8.ToArray();

    public static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", string.Empty).Replace("\n", string.Empty));

    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
