using System.Security.Cryptography;
using DePinGpu.Libp2p.Identity;
using Nethereum.Util;

namespace DePinGpu.Protocol.Wallets;

/// <summary>
/// One identity for an operator on both networks: its secp256k1 key is the Ethereum account (the registry's
/// operator) and the libp2p key, so the peer id is the identity multihash of the protobuf PublicKey
/// <c>{ Type: Secp256k1, Data: compressed key }</c> (<c>00 25 08 02 12 21 ‖ 33-byte key</c>, as the registry derives it
/// on-chain) and a peer id of that shape names exactly one operator address.
/// </summary>
public static class OperatorIdentity
{
    /// <summary>Length of an operator's binary peer id: 6 header bytes and a 33-byte compressed key.</summary>
    public const int PeerIdLength = 39;

    private static readonly byte[] Prefix = [0x00, 0x25, 0x08, 0x02, 0x12, 0x21];

    /// <summary>The peer id of a 33-byte compressed secp256k1 public key; throws <see cref="ArgumentException"/> for anything else.</summary>
    public static PeerId PeerIdFromCompressedPublicKey(ReadOnlySpan<byte> compressedKey)
    {
        if (compressedKey.Length != Secp256k1PublicKey.CompressedLength || (compressedKey[0] != 0x02 && compressedKey[0] != 0x03))
        {
            throw new ArgumentException("A compressed secp256k1 public key is 33 bytes starting with 0x02 or 0x03.", nameof(compressedKey));
        }

        try
        {
            return PeerId.FromPublicKey(Secp256k1PublicKey.FromBytes(compressedKey));
        }
        catch (FormatException exception)
        {
            throw new ArgumentException(exception.Message, nameof(compressedKey), exception);
        }
    }

    /// <summary>Reads an operator peer id as the registry stores it, checking its shape; throws <see cref="ArgumentException"/>.</summary>
    public static PeerId PeerIdFromRegistryBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != PeerIdLength || !bytes[..Prefix.Length].SequenceEqual(Prefix))
        {
            throw new ArgumentException($"Operator peer ids are {PeerIdLength} bytes starting with 0025 0802 1221.", nameof(bytes));
        }

        return PeerIdFromCompressedPublicKey(bytes[Prefix.Length..]);
    }

    /// <summary>The libp2p private key of <paramref name="key"/> (the same secp256k1 scalar): the node's host identity.</summary>
    public static Secp256k1PrivateKey ToLibp2pPrivateKey(WalletKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var scalar = key.ExportPrivateKey();
        try
        {
            return Secp256k1PrivateKey.FromBytes(scalar);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    /// <summary>
    /// The Ethereum address (EIP-55) of the operator whose peer id is <paramref name="peerId"/>: keccak-256 of the
    /// uncompressed key, last 20 bytes. Throws <see cref="ArgumentException"/> when the id does not inline a secp256k1 key.
    /// </summary>
    public static string AddressOf(PeerId peerId)
    {
        ArgumentNullException.ThrowIfNull(peerId);
        if (peerId.PublicKey is not Secp256k1PublicKey publicKey)
        {
            throw new ArgumentException($"The peer id {peerId} does not inline a secp256k1 key, so it names no operator address.", nameof(peerId));
        }

        var uncompressed = publicKey.ToUncompressed();
        var hash = Sha3Keccack.Current.CalculateHash(uncompressed.AsSpan(1).ToArray());
        return ("0x" + Convert.ToHexStringLower(hash.AsSpan(12))).ConvertToEthereumChecksumAddress();
    }
}
