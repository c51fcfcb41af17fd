using DePinGpu.Libp2p.Identity;

namespace DePinGpu.Libp2p.Hosting;

/// <summary>Loads or creates the host's private key as <see cref="Libp2pHostOptions.IdentityKeyFile"/> says.</summary>
public static class HostIdentityKey
{
    /// <summary>
    /// The key in <paramref name="path"/> (libp2p protobuf form), or a new Ed25519 key written there (owner-only
    /// permissions where the system has them) when the file does not exist; an empty path gives a new unsaved key.
    /// </summary>
    public static PrivateKey LoadOrCreate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return Ed25519PrivateKey.Generate();
        }

        if (File.Exists(path))
        {
            return PrivateKey.FromProtobuf(File.ReadAllBytes(path));
        }

        var key = Ed25519PrivateKey.Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(path, options))
        {
            file.Write(key.ToProtobuf());
        }

        return key;
    }
}
