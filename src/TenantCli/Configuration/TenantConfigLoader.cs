using System.Globalization;
using System.Text.Json;
using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Configuration;

/// <summary>
/// Reads the config file (--config, else DEPIN_CONFIG, else ~/.depin/config.json), then environment variables, then
/// flags, each overriding the one before. Unknown keys, wrong types and bad values are errors naming the key and where
/// it came from. Relative paths in the file are relative to the file.
/// </summary>
internal static class TenantConfigLoader
{
    /// <summary>The largest config file read (a real one is a few hundred bytes).</summary>
    public const int MaxFileBytes = 64 * 1024;

    private static readonly string[] Keys = ["rpcUrl", "chainId", "deployment", "walletDirectory", "wallet", "passwordFile", "gateways"];

    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["rpcUrl"] = "DEPIN_RPC_URL",
        ["chainId"] = "DEPIN_CHAIN_ID",
        ["deployment"] = "DEPIN_DEPLOYMENT",
        ["walletDirectory"] = "DEPIN_WALLET_DIRECTORY",
        ["wallet"] = "DEPIN_WALLET",
        ["passwordFile"] = "DEPIN_PASSWORD_FILE",
        ["gateways"] = "DEPIN_GATEWAYS",
    };

    /// <summary>The environment variable of each config key (documented in docs/cli.md).</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentVariables => Variables;

    /// <summary>Loads and merges the configuration; throws <see cref="CliException"/> naming the bad key.</summary>
    public static TenantConfig Load(CliEnvironment environment, ConfigFlags flags)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(flags);
        var (path, explicitly) = flags.ConfigFile is { Length: > 0 } flag ? (flag, true)
            : environment.Variable("DEPIN_CONFIG") is { } variable ? (variable, true)
            : (Path.Combine(environment.HomeDirectory, ".depin", "config.json"), false);
        path = ExpandHome(path, environment.HomeDirectory);
        var values = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var gateways = new List<ConfigValue>();
        string? source = null;
        if (File.Exists(path))
        {
            source = path;
            ReadFile(path, values, gateways);
        }
        else if (explicitly)
        {
            throw CliException.Configuration($"No config file at {path}: create it (the devnet writes one) or fix --config / DEPIN_CONFIG.");
        }

        ApplyEnvironment(environment, values, gateways);
        ApplyFlags(flags, values, gateways);
        return Build(source, values, gateways, environment.HomeDirectory);
    }

    private static void ReadFile(string path, Dictionary<string, ConfigValue> values, List<ConfigValue> gateways)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxFileBytes)
        {
            throw CliException.Configuration($"{path} is {info.Length} bytes, more than a config file can be ({MaxFileBytes}); point --config at the right file.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException exception)
        {
            throw CliException.Configuration($"{path} is not valid JSON ({exception.Message}); fix the file or remove it.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw CliException.Configuration($"{path} must hold one JSON object with keys {string.Join(", ", Keys)}.");
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            foreach (var property in document.RootElement.EnumerateObject())
            {
                ReadProperty(path, directory, property, values, gateways);
            }
        }
    }

    private static void ReadProperty(string path, string? directory, JsonProperty property, Dictionary<string, ConfigValue> values, List<ConfigValue> gateways)
    {
        var origin = $"{property.Name} in {path}";
        if (!Keys.Contains(property.Name, StringComparer.Ordinal))
        {
            throw CliException.Configuration($"Unknown key '{property.Name}' in {path}; the keys are {string.Join(", ", Keys)}.");
        }

        if (property.Name == "gateways")
        {
            if (property.Value.ValueKind != JsonValueKind.Array || property.Value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
            {
                throw CliException.Configuration($"{origin} must be an array of URL strings.");
            }

            gateways.AddRange(property.Value.EnumerateArray().Select(item => new ConfigValue(item.GetString()!, origin, directory)));
            return;
        }

        var text = property.Value.ValueKind switch
        {
            JsonValueKind.String => property.Value.GetString()!,
            JsonValueKind.Number when property.Name == "chainId" => property.Value.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw CliException.Configuration($"{origin} must be a {(property.Name == "chainId" ? "number" : "string")}."),
        };
        if (text is not null)
        {
            values[property.Name] = new ConfigValue(text, origin, directory);
        }
    }

    private static void ApplyEnvironment(CliEnvironment environment, Dictionary<string, ConfigValue> values, List<ConfigValue> gateways)
    {
        foreach (var (key, variable) in Variables)
        {
            if (environment.Variable(variable) is not { } text)
            {
                continue;
            }

            if (key == "gateways")
            {
                gateways.Clear();
                gateways.AddRange(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item => new ConfigValue(item, variable, null)));
            }
            else
            {
                values[key] = new ConfigValue(text, variable, null);
            }
        }
    }

    private static void ApplyFlags(ConfigFlags flags, Dictionary<string, ConfigValue> values, List<ConfigValue> gateways)
    {
        void Set(string key, string? text, string flag)
        {
            if (!string.IsNullOrEmpty(text))
            {
                values[key] = new ConfigValue(text, flag, null);
            }
        }

        Set("rpcUrl", flags.RpcUrl, "--rpc-url");
        Set("chainId", flags.ChainId, "--chain-id");
        Set("deployment", flags.Deployment, "--deployment");
        Set("wallet", flags.Wallet, "--wallet");
        Set("walletDirectory", flags.WalletDirectory, "--wallet-dir");
        Set("passwordFile", flags.PasswordFile, "--password-file");
        if (flags.Gateways.Count > 0)
        {
            gateways.Clear();
            gateways.AddRange(flags.Gateways.Select(item => new ConfigValue(item, "--gateway", null)));
        }
    }

    private static TenantConfig Build(string? source, Dictionary<string, ConfigValue> values, List<ConfigValue> gateways, string home)
    {
        values.TryGetValue("rpcUrl", out var rpcUrl);
        values.TryGetValue("chainId", out var chainId);
        return new TenantConfig(
            source,
            rpcUrl is null ? null : HttpUrl(rpcUrl),
            chainId is null ? null : ChainIdOf(chainId),
            PathOf(values, "deployment", home),
            PathOf(values, "walletDirectory", home) ?? Path.Combine(home, ".depin", "wallets"),
            values.TryGetValue("wallet", out var wallet) ? wallet.Text : null,
            PathOf(values, "passwordFile", home),
            gateways.Select(HttpUrl).ToArray());
    }

    private static Uri HttpUrl(ConfigValue value) =>
        Uri.TryCreate(value.Text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw CliException.Configuration($"{value.Origin} is '{value.Text}', not an http:// or https:// URL.");

    private static ulong ChainIdOf(ConfigValue value) =>
        ulong.TryParse(value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw CliException.Configuration($"{value.Origin} is '{value.Text}', not a positive chain id (31337 on the devnet).");

    private static string? PathOf(Dictionary<string, ConfigValue> values, string key, string home)
    {
        if (!values.TryGetValue(key, out var value))
        {
            return null;
        }

        var expanded = ExpandHome(value.Text, home);
        return Path.IsPathRooted(expanded) || value.BaseDirectory is null ? Path.GetFullPath(expanded) : Path.GetFullPath(Path.Combine(value.BaseDirectory, expanded));
    }

    private static string ExpandHome(string path, string home) =>
        path == "~" ? home : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path;
}
