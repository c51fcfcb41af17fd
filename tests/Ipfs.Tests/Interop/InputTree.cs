using System.Globalization;

namespace DePinGpu.Ipfs.Tests.Interop;

/// <summary>
/// A folder tree three levels deep with exactly 1,000 entries (10 folders, 90 sub-folders, 900 files): sizes from empty to
/// a few chunks, hidden files, an empty folder, and names whose byte order differs from ordinal string order (upper/lower
/// case, UTF-8 multi-byte characters, a name that is a prefix of another).
/// </summary>
internal static class InputTree
{
    private static readonly string[] Stems = ["a", "A", "a.txt", "b", "é", "日本", ".hidden", "z-last", "ß", "a b"];

    public static void Create(string root)
    {
        var random = new Random(2024);
        Directory.CreateDirectory(root);
        for (var first = 0; first < 10; first++)
        {
            var level1 = Path.Combine(root, Name(first, "dir"));
            Directory.CreateDirectory(level1);
            for (var second = 0; second < 9; second++)
            {
                var level2 = Path.Combine(level1, Name(second, "sub"));
                Directory.CreateDirectory(level2);
                var files = first == 3 && second == 4 ? 0 : 10;
                for (var third = 0; third < files; third++)
                {
                    File.WriteAllBytes(Path.Combine(level2, Stems[third]), Content(random));
                }
            }
        }

        // The empty sub-folder above lacks 10 files; put them at the first level so the total stays 1,000 entries.
        for (var extra = 0; extra < 10; extra++)
        {
            File.WriteAllBytes(Path.Combine(root, Name(0, "dir"), "extra-" + extra.ToString(CultureInfo.InvariantCulture)), Content(random));
        }
    }

    private static string Name(int index, string kind) => index switch
    {
        0 => kind,
        1 => kind.ToUpperInvariant(),
        2 => "." + kind,
        3 => kind + "-ü",
        _ => kind + index.ToString(CultureInfo.InvariantCulture),
    };

    private static byte[] Content(Random random)
    {
        var size = random.Next(100) switch
        {
            < 5 => 0,
            < 90 => random.Next(1, 5000),
            < 98 => random.Next(5000, 262145),
            _ => random.Next(262145, 700_000),
        };
        var bytes = new byte[size];
        random.NextBytes(bytes);
        return bytes;
    }
}
