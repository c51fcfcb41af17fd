using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace DePinGpu.Protocol.Rpc;

/// <summary>Reads the hex-encoded quantities and objects of Ethereum JSON-RPC answers, strictly.</summary>
internal static class RpcJson
{
    public static string Quantity(BigInteger value) =>
        value.Sign < 0
            ? throw new ArgumentOutOfRangeException(nameof(value), "A quantity cannot be negative.")
            : value.IsZero ? "0x0" : "0x" + value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');

    public static string Quantity(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static ulong ReadUInt64(JsonElement element, string what)
    {
        var text = ReadString(element, what);
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length is < 3 or > 18
            || !ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw new RpcResponseFormatException($"{what} is not a hex quantity: '{Truncate(text)}'.");
        }

        return value;
    }

    public static BigInteger ReadBigInteger(JsonElement element, string what)
    {
        var text = ReadString(element, what);
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length is < 3 or > 66)
        {
            throw new RpcResponseFormatException($"{what} is not a hex quantity: '{Truncate(text)}'.");
        }

        return BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    public static string ReadHash(JsonElement element, string what)
    {
        var text = ReadString(element, what);
        if (text.Length != 66 || !IsHex(text))
        {
            throw new RpcResponseFormatException($"{what} is not a 32-byte hash: '{Truncate(text)}'.");
        }

        return text.ToLowerInvariant();
    }

    public static string ReadAddress(JsonElement element, string what)
    {
        var text = ReadString(element, what);
        if (text.Length != 42 || !IsHex(text))
        {
            throw new RpcResponseFormatException($"{what} is not a 20-byte address: '{Truncate(text)}'.");
        }

        return text.ToLowerInvariant();
    }

    public static string ReadData(JsonElement element, string what)
    {
        var text = ReadString(element, what);
        if (text.Length % 2 != 0 || !IsHex(text))
        {
            throw new RpcResponseFormatException($"{what} is not hex data.");
        }

        return text;
    }

    public static string ReadString(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new RpcResponseFormatException($"{what} is missing or not a string.");

    public static JsonElement Property(JsonElement element, string name, string what) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new RpcResponseFormatException($"{what} lacks the field '{name}'.");

    public static BlockHeader ReadBlockHeader(JsonElement block) => new(
        ReadUInt64(Property(block, "number", "block"), "block.number"),
        ReadHash(Property(block, "hash", "block"), "block.hash"),
        ReadHash(Property(block, "parentHash", "block"), "block.parentHash"),
        ReadUInt64(Property(block, "timestamp", "block"), "block.timestamp"),
        block.TryGetProperty("baseFeePerGas", out var fee) && fee.ValueKind == JsonValueKind.String
            ? ReadBigInteger(fee, "block.baseFeePerGas")
            : BigInteger.Zero);

    public static LogEntry ReadLog(JsonElement log)
    {
        var topicsElement = Property(log, "topics", "log");
        if (topicsElement.ValueKind != JsonValueKind.Array || topicsElement.GetArrayLength() > 4)
        {
            throw new RpcResponseFormatException("log.topics is not an array of at most 4 topics.");
        }

        var topics = new string[topicsElement.GetArrayLength()];
        var index = 0;
        foreach (var topic in topicsElement.EnumerateArray())
        {
            topics[index++] = ReadHash(topic, "log.topic");
        }

        return new LogEntry(
            ReadAddress(Property(log, "address", "log"), "log.address"),
            topics,
            ReadData(Property(log, "data", "log"), "log.data"),
            ReadUInt64(Property(log, "blockNumber", "log"), "log.blockNumber"),
            ReadHash(Property(log, "blockHash", "log"), "log.blockHash"),
            ReadHash(Property(log, "transactionHash", "log"), "log.transactionHash"),
            checked((uint)ReadUInt64(Property(log, "transactionIndex", "log"), "log.transactionIndex")),
            checked((uint)ReadUInt64(Property(log, "logIndex", "log"), "log.logIndex")),
            log.TryGetProperty("removed", out var removed) && removed.ValueKind == JsonValueKind.True);
    }

    public static TransactionReceipt ReadReceipt(JsonElement receipt)
    {
        var logs = Property(receipt, "logs", "receipt");
        var entries = logs.ValueKind == JsonValueKind.Array
            ? logs.EnumerateArray().Select(ReadLog).ToArray()
            : throw new RpcResponseFormatException("receipt.logs is not an array.");
        var contract = receipt.TryGetProperty("contractAddress", out var c) && c.ValueKind == JsonValueKind.String
            ? ReadAddress(c, "receipt.contractAddress")
            : null;
        return new TransactionReceipt(
            ReadHash(Property(receipt, "transactionHash", "receipt"), "receipt.transactionHash"),
            ReadUInt64(Property(receipt, "blockNumber", "receipt"), "receipt.blockNumber"),
            ReadHash(Property(receipt, "blockHash", "receipt"), "receipt.blockHash"),
            ReadUInt64(Property(receipt, "status", "receipt"), "receipt.status") == 1,
            ReadUInt64(Property(receipt, "gasUsed", "receipt"), "receipt.gasUsed"),
            receipt.TryGetProperty("effectiveGasPrice", out var price) ? ReadBigInteger(price, "receipt.effectiveGasPrice") : BigInteger.Zero,
            contract,
            entries);
    }

    private static bool IsHex(string text)
    {
        if (!text.StartsWith("0x", StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 2; i < text.Length; i++)
        {
            if (!char.IsAsciiHexDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Truncate(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
