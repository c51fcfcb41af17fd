using System.Security.Cryptography;
using System.Text;

namespace DePinGpu.ProviderNode.Api;

/// <summary>
/// The bearer token that guards the node's admin routes (<c>/admin/…</c>): 32 random bytes, hex, new at every start
/// of the daemon, which writes it to <c>&lt;data-dir&gt;/api-admin-token</c> (mode 0600) for <c>depin-node drain</c>.
/// Whoever can read that file can drain the node; nobody else can.
/// </summary>
public sealed class AdminToken
{
    /// <summary>The token file's name in the data directory.</summary>
    public const string FileName = "api-admin-token";

    private readonly byte[] _value;

    /// <summary>Creates a fresh random token (nothing is written until <see cref="AdminTokenFile"/> starts).</summary>
    public AdminToken()
    {
        Text = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _value = Encoding.ASCII.GetBytes(Text);
    }

    /// <summary>The token as written to the file and sent after <c>Bearer </c>.</summary>
    public string Text { get; }

    /// <summary>True when <paramref name="authorization"/> is <c>Bearer &lt;this token&gt;</c> (compared in constant time).</summary>
    public bool Accepts(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length > scheme.Length + 256)
        {
            return false;
        }

        var presented = Encoding.ASCII.GetBytes(authorization[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _value);
    }
}
