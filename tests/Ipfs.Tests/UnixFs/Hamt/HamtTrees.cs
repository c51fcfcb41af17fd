using System.Globalization;
using DePinGpu.Ipfs.UnixFs.Hamt;

namespace DePinGpu.Ipfs.Tests.UnixFs.Hamt;

/// <summary>
/// Folder trees around Kubo's HAMT threshold. Entry names are 60 characters: with a 36-byte CIDv1 each costs 96 bytes of
/// the links-bytes estimate, so 2730 of them make 262080 bytes, and one more entry with a 28-character name makes exactly
/// 262144 (kept as one node: the rule is "greater than") while a 29-character one makes 262145 (sharded).
/// </summary>
internal static class HamtTrees
{
    public const int RegularEntries = 2730;

    /// <summary>Creates the regular entries plus one whose name has <paramref name="lastNameLength"/> characters.</summary>
    public static void CreateAroundThreshold(string path, int lastNameLength)
    {
        Directory.CreateDirectory(path);
        for (var index = 0; index < RegularEntries; index++)
        {
            WriteEntry(path, RegularName(index));
        }

        WriteEntry(path, new string('z', lastNameLength));
    }

    /// <summary>A sharded folder plus names that share their first two hash bytes (the same bucket on levels 0 and 1).</summary>
    public static IReadOnlyList<string> CreateWithCollisions(string path)
    {
        CreateAroundThreshold(path, 29);
        var colliding = CollidingNames(RegularName(0), bits: 16, count: 3);
        foreach (var name in colliding)
        {
            WriteEntry(path, name);
        }

        return colliding;
    }

    /// <summary>A sharded folder holding a sharded folder, a small plain folder and an empty folder.</summary>
    public static void CreateNested(string path)
    {
        CreateAroundThreshold(path, 29);
        CreateAroundThreshold(Path.Combine(path, "inner"), 30);
        Directory.CreateDirectory(Path.Combine(path, "small"));
        WriteEntry(Path.Combine(path, "small"), "one.txt");
        WriteEntry(Path.Combine(path, "small"), "two.txt");
        Directory.CreateDirectory(Path.Combine(path, "empty"));
    }

    public static string RegularName(int index) => index.ToString("D6", CultureInfo.InvariantCulture) + new string('x', 54);

    /// <summary>Names "c{n}" whose HAMT hash starts with the same <paramref name="bits"/> bits as <paramref name="target"/>'s.</summary>
    public static IReadOnlyList<string> CollidingNames(string target, int bits, int count)
    {
        var wanted = HamtLayout.HashOf(target) >> (64 - bits);
        var found = new List<string>();
        for (var candidate = 0; found.Count < count; candidate++)
        {
            var name = "c" + candidate.ToString(CultureInfo.InvariantCulture);
            if (HamtLayout.HashOf(name) >> (64 - bits) == wanted)
            {
                found.Add(name);
            }
        }

        return found;
    }

    private static void WriteEntry(string folder, string name) =>
        File.WriteAllText(Path.Combine(folder, name), name);
}
