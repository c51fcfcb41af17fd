using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Orders;

/// <summary>
/// Imports the inputs a tenant's spec names by local file (<c>{ "name": "data.bin", "file": "./data.bin" }</c>, the
/// path relative to the spec file): each becomes a raw block whose CID (CIDv1, raw, sha2-256 — what
/// <c>ipfs add --cid-version=1 --raw-leaves</c> gives a file of one block) replaces <c>file</c> in the spec, so the
/// spec the order names is the one the nodes read. Inputs given by CID are left alone. Every problem is a usage error
/// raised before anything is sent.
/// </summary>
internal static class SpecInputImport
{
    /// <summary>The largest input a node accepts by upload by default (Api:MaxUploadBytes); larger ones go through IPFS.</summary>
    public const int MaxInputBytes = 64 * 1024;

    /// <summary>
    /// The spec with every file input replaced by its CID (null when it names no file, so its bytes stay exactly as
    /// written), and the files read. A document that is not JSON is returned untouched for the parser to explain.
    /// </summary>
    public static (JsonObject? Rewritten, IReadOnlyList<InputFile> Files) Import(byte[] specBytes, string specPath)
    {
        ArgumentNullException.ThrowIfNull(specBytes);
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(specBytes, documentOptions: new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return (null, []);
        }

        if (document is not JsonObject root || root["inputs"] is not JsonArray inputs || !inputs.Any(IsFileInput))
        {
            return (null, []);
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(specPath)) ?? Directory.GetCurrentDirectory();
        var files = new List<InputFile>();
        for (var index = 0; index < inputs.Count; index++)
        {
            if (IsFileInput(inputs[index]))
            {
                var file = Read((JsonObject)inputs[index]!, index, baseDirectory, specPath);
                files.Add(file);
                inputs[index] = new JsonObject { ["cid"] = file.Cid.ToString(), ["name"] = file.Name };
            }
        }

        return (root, files);
    }

    private static bool IsFileInput(JsonNode? input) => input is JsonObject item && item.ContainsKey("file");

    private static InputFile Read(JsonObject input, int index, string baseDirectory, string specPath)
    {
        var where = string.Create(CultureInfo.InvariantCulture, $"{specPath}: $.inputs[{index}]");
        if (input.ContainsKey("cid"))
        {
            throw CliException.Usage($"{where} has both \"cid\" and \"file\"; give one of them. Nothing was sent.");
        }

        if (input["file"] is not JsonValue fileValue || !fileValue.TryGetValue<string>(out var file) || file.Length == 0)
        {
            throw CliException.Usage($"{where}.file must be the path of a local file (relative to the spec). Nothing was sent.");
        }

        if (input["name"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name))
        {
            throw CliException.Usage($"{where}.name must be the input's name under $DEPIN_INPUT_DIR (e.g. \"data.bin\"). Nothing was sent.");
        }

        var path = Path.GetFullPath(Path.Combine(baseDirectory, file));
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw CliException.Usage($"{where}.file: there is no file at {path}. Nothing was sent.");
        }

        if (info.Length > MaxInputBytes)
        {
            throw CliException.Usage(string.Create(CultureInfo.InvariantCulture,
                $"{where}.file: {path} is {info.Length} bytes; nodes take uploads of at most {MaxInputBytes} bytes (Api:MaxUploadBytes). Add a larger input to IPFS yourself (ipfs add --cid-version=1) and name it by \"cid\" instead. Nothing was sent."));
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length > MaxInputBytes)
        {
            throw CliException.Usage($"{where}.file: {path} grew past {MaxInputBytes} bytes while it was read. Nothing was sent.");
        }

        return new InputFile(name, path, bytes, Cid.ForBlock(MulticodecCode.Raw, bytes));
    }
}
