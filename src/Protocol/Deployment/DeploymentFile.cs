using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nethereum.Util;

namespace DePinGpu.Protocol.Deployment;

/// <summary>Reads and writes <c>deployments/&lt;chainId&gt;.json</c> exactly as scripts/devnet.sh does.</summary>
public static class DeploymentFile
{
    /// <summary>Largest deployment file accepted.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The file of <paramref name="chainId"/> under <paramref name="directory"/>.</summary>
    public static string PathFor(string directory, ulong chainId) => System.IO.Path.Combine(directory, $"{chainId}.json");

    /// <summary>Serialises <paramref name="info"/> (camelCase, token amounts as decimal strings, seconds as numbers).</summary>
    public static string Serialize(DeploymentInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var p = info.Parameters;
        var root = new JsonObject
        {
            ["chainId"] = info.ChainId,
            ["rpcUrl"] = info.RpcUrl,
            ["deployer"] = Checksum(info.Deployer),
            ["deploymentBlock"] = info.DeploymentBlock,
            ["deployedAt"] = info.DeployedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["contracts"] = new JsonObject
            {
                ["stakeToken"] = Checksum(info.Contracts.StakeToken),
                ["registry"] = Checksum(info.Contracts.Registry),
                ["market"] = Checksum(info.Contracts.Market),
            },
            ["parameters"] = new JsonObject
            {
                ["minStakePerGpu"] = p.MinStakePerGpu.ToString(CultureInfo.InvariantCulture),
                ["unbondingPeriod"] = p.UnbondingPeriod,
                ["heartbeatInterval"] = p.HeartbeatInterval,
                ["heartbeatTimeout"] = p.HeartbeatTimeout,
                ["startDeadline"] = p.StartDeadline,
                ["jailPeriod"] = p.JailPeriod,
                ["slashBps"] = p.SlashBps,
                ["minorSlashBps"] = p.MinorSlashBps,
                ["finderFeeBps"] = p.FinderFeeBps,
                ["protocolFeeBps"] = p.ProtocolFeeBps,
                ["minPrepaidSeconds"] = p.MinPrepaidSeconds,
                ["treasury"] = Checksum(p.Treasury),
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Parses and validates deployment JSON; <paramref name="source"/> names it in errors.</summary>
    public static DeploymentInfo Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new DeploymentFileException($"{source} is not valid JSON: {exception.Message}", exception);
        }

        var reader = new DeploymentJsonReader(root as JsonObject ?? throw new DeploymentFileException($"{source} does not hold a JSON object."), source);
        var contracts = reader.Object("contracts");
        var parameters = reader.Object("parameters");
        return new DeploymentInfo(
            reader.Number(reader.Root, "chainId"),
            reader.Text(reader.Root, "rpcUrl"),
            reader.Address(reader.Root, "deployer"),
            reader.Number(reader.Root, "deploymentBlock"),
            reader.Time(reader.Root, "deployedAt"),
            new DeployedContracts(reader.Address(contracts, "stakeToken"), reader.Address(contracts, "registry"), reader.Address(contracts, "market")),
            new DeploymentParameters
            {
                MinStakePerGpu = reader.Amount(parameters, "minStakePerGpu"),
                UnbondingPeriod = reader.Number(parameters, "unbondingPeriod"),
                HeartbeatInterval = reader.Number(parameters, "heartbeatInterval"),
                HeartbeatTimeout = reader.Number(parameters, "heartbeatTimeout"),
                StartDeadline = reader.Number(parameters, "startDeadline"),
                JailPeriod = reader.Number(parameters, "jailPeriod"),
                SlashBps = checked((ushort)reader.Number(parameters, "slashBps")),
                MinorSlashBps = checked((ushort)reader.Number(parameters, "minorSlashBps")),
                FinderFeeBps = checked((ushort)reader.Number(parameters, "finderFeeBps")),
                ProtocolFeeBps = checked((ushort)reader.Number(parameters, "protocolFeeBps")),
                MinPrepaidSeconds = reader.Number(parameters, "minPrepaidSeconds"),
                Treasury = reader.Address(parameters, "treasury"),
            });
    }

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static async Task<DeploymentInfo> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new DeploymentFileException($"No deployment file at {path}: deploy the contracts (scripts/devnet.sh or ContractsDeployer) or point ChainOptions.DeploymentFile at the right file.");
        }

        if (info.Length > MaxBytes)
        {
            throw new DeploymentFileException($"{path} is {info.Length} bytes, more than a deployment file can be ({MaxBytes}).");
        }

        return Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);
    }

    /// <summary>Writes <paramref name="info"/> to <c>&lt;directory&gt;/&lt;chainId&gt;.json</c> (atomically); returns the path.</summary>
    public static async Task<string> WriteAsync(string directory, DeploymentInfo info, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = PathFor(directory, info.ChainId);
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, Serialize(info), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private static string Checksum(string address) => address.ConvertToEthereumChecksumAddress();

    internal static BigInteger ParseAmount(string text) => BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
