using System.Text;
using System.Text.Json.Nodes;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.TenantCli.Cli;
using DePinGpu.TenantCli.Orders;

namespace DePinGpu.TenantCli.Tests.Orders;

/// <summary>
/// `depin run` / `order create` import the inputs a spec names by local file: the spec the order names carries their
/// raw CIDs (as `ipfs add --cid-version=1 --raw-leaves` gives them), and every problem stops before anything is sent.
/// </summary>
public sealed class SpecInputImportTests : IDisposable
{
    /// <summary>`ipfs add --cid-version=1 --raw-leaves` of the 11 bytes "hello world".</summary>
    private const string HelloWorldCid = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";

    private readonly string _directory = Directory.CreateTempSubdirectory("depin-spec-inputs-").FullName;

    [Fact]
    public async Task FileInput_IsReplacedByItsRawCid_RelativeToTheSpec_AndTheSpecIsRewrittenCanonically()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "data"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "data", "hello.txt"), "hello world");
        var path = await WriteSpecAsync(new JsonArray(new JsonObject { ["name"] = "hello.txt", ["file"] = "./data/hello.txt" }));

        var spec = await SpecFile.ReadAsync(path, CancellationToken.None);

        Assert.Equal(HelloWorldCid, spec.Spec.Inputs.Single().Cid);
        Assert.Equal("hello.txt", spec.Spec.Inputs.Single().Name);
        var input = Assert.Single(spec.Inputs);
        Assert.Equal(HelloWorldCid, input.Cid.ToString());
        Assert.Equal("hello world"u8.ToArray(), input.Bytes);
        Assert.Equal(JobSpecWriter.ToUtf8(spec.Spec), spec.Bytes);
        Assert.DoesNotContain("\"file\"", Encoding.UTF8.GetString(spec.Bytes), StringComparison.Ordinal);
        Assert.Equal(Cid.ForBlock(MulticodecCode.Raw, spec.Bytes), spec.Cid);
        Assert.Equal(["spec", "input hello.txt"], spec.Uploads.Select(upload => upload.What));
    }

    [Fact]
    public async Task CidInputs_AreLeftAlone_AndTheBytesStayExactlyAsWritten()
    {
        var path = await WriteSpecAsync(new JsonArray(new JsonObject { ["cid"] = HelloWorldCid, ["name"] = "data.bin" }));
        var written = await File.ReadAllBytesAsync(path);

        var spec = await SpecFile.ReadAsync(path, CancellationToken.None);

        Assert.Equal(written, spec.Bytes);
        Assert.Empty(spec.Inputs);
        Assert.Equal(["spec"], spec.Uploads.Select(upload => upload.What));
    }

    [Fact]
    public async Task MixedInputs_OnlyTheFileOneIsImported_InItsPlace()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "b.txt"), "b");
        var path = await WriteSpecAsync(new JsonArray(
            new JsonObject { ["cid"] = HelloWorldCid, ["name"] = "a.bin" },
            new JsonObject { ["name"] = "b.txt", ["file"] = "b.txt" }));

        var spec = await SpecFile.ReadAsync(path, CancellationToken.None);

        Assert.Equal(["a.bin", "b.txt"], spec.Spec.Inputs.Select(input => input.Name));
        Assert.Equal(HelloWorldCid, spec.Spec.Inputs[0].Cid);
        Assert.Equal(Cid.ForBlock(MulticodecCode.Raw, "b"u8).ToString(), spec.Spec.Inputs[1].Cid);
    }

    [Fact]
    public async Task FileOverTheUploadLimit_IsAUsageErrorNamingTheLimitAndTheAlternative()
    {
        await File.WriteAllBytesAsync(Path.Combine(_directory, "big.bin"), new byte[SpecInputImport.MaxInputBytes + 1]);
        var path = await WriteSpecAsync(new JsonArray(new JsonObject { ["name"] = "big.bin", ["file"] = "big.bin" }));

        var error = await Assert.ThrowsAsync<CliException>(() => SpecFile.ReadAsync(path, CancellationToken.None));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("65537 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 65536", error.Message, StringComparison.Ordinal);
        Assert.Contains("ipfs add --cid-version=1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileAtTheUploadLimit_IsImported()
    {
        await File.WriteAllBytesAsync(Path.Combine(_directory, "edge.bin"), new byte[SpecInputImport.MaxInputBytes]);
        var path = await WriteSpecAsync(new JsonArray(new JsonObject { ["name"] = "edge.bin", ["file"] = "edge.bin" }));

        var spec = await SpecFile.ReadAsync(path, CancellationToken.None);

        Assert.Equal(SpecInputImport.MaxInputBytes, spec.Inputs.Single().Bytes.Length);
    }

    [Theory]
    [InlineData("{\"name\":\"x.bin\",\"file\":\"missing.bin\"}", "there is no file at")]
    [InlineData("{\"name\":\"x.bin\",\"file\":\"x.bin\",\"cid\":\"" + HelloWorldCid + "\"}", "has both \"cid\" and \"file\"")]
    [InlineData("{\"name\":\"x.bin\",\"file\":7}", ".file must be the path of a local file")]
    [InlineData("{\"file\":\"x.bin\"}", ".name must be the input's name")]
    public async Task BadFileInput_IsAUsageErrorWithItsJsonPath(string input, string expected)
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "x.bin"), "x");
        var path = await WriteSpecAsync(new JsonArray(JsonNode.Parse(input)));

        var error = await Assert.ThrowsAsync<CliException>(() => SpecFile.ReadAsync(path, CancellationToken.None));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("$.inputs[0]", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileInputWithABadName_IsRefusedByTheSpecParser()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "x.bin"), "x");
        var path = await WriteSpecAsync(new JsonArray(new JsonObject { ["name"] = "../escape", ["file"] = "x.bin" }));

        var error = await Assert.ThrowsAsync<CliException>(() => SpecFile.ReadAsync(path, CancellationToken.None));

        Assert.Contains("$.inputs[0].name", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<string> WriteSpecAsync(JsonArray inputs)
    {
        var path = Path.Combine(_directory, "job.json");
        var json = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["runtime"] = "process",
            ["command"] = new JsonArray("/bin/true"),
            ["inputs"] = inputs,
        };
        await File.WriteAllTextAsync(path, json.ToJsonString());
        return path;
    }
}
