using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.JobSpecs;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Orders;

/// <summary>
/// A job spec file read and validated with the node's own parser (<see cref="JobSpecParser"/>), and its CID: CIDv1,
/// raw codec, sha2-256 of the exact bytes, which is what the nodes' <c>POST /uploads</c> accepts (docs/node-api.md).
/// Inputs the file names by local path are imported first (<see cref="SpecInputImport"/>): <see cref="Bytes"/> is
/// then the rewritten spec in canonical form (<see cref="JobSpecWriter"/>) and <see cref="Inputs"/> the files to upload.
/// </summary>
internal sealed record SpecFile(string Path, byte[] Bytes, JobSpec Spec, Cid Cid, IReadOnlyList<InputFile> Inputs)
{
    /// <summary>The largest spec a node accepts by default (Api:MaxUploadBytes).</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Stateless when the spec declares a service, else Stateful.</summary>
    public OrderKind Kind => Spec.Service is null ? OrderKind.Stateful : OrderKind.Stateless;

    /// <summary>The spec and its imported inputs, in upload order (the spec first: a node takes an input only once it holds the spec naming it).</summary>
    public IReadOnlyList<(string What, byte[] Bytes)> Uploads =>
        [("spec", Bytes), .. Inputs.Select(input => ($"input {input.Name}", input.Bytes))];

    /// <summary>The bytes of <see cref="Uploads"/> together (one node's upload).</summary>
    public long UploadBytes => Uploads.Sum(upload => (long)upload.Bytes.Length);

    /// <summary>Reads, imports the file inputs of, and validates <paramref name="path"/>; throws a usage error listing every problem.</summary>
    public static async Task<SpecFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw CliException.Usage($"No job spec at {path}: give the path of a job.json (docs/job-spec.md).");
        }

        if (info.Length > MaxBytes)
        {
            throw CliException.Usage($"{path} is {info.Length} bytes; a job spec may be at most {MaxBytes} (put large inputs in IPFS and list their CIDs under inputs).");
        }

        var written = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var (rewritten, inputs) = SpecInputImport.Import(written, path);
        var bytes = rewritten is null ? written : System.Text.Encoding.UTF8.GetBytes(rewritten.ToJsonString());
        var result = JobSpecParser.Parse(bytes);
        if (result.Spec is null)
        {
            throw CliException.Usage($"{path} is not a valid job spec; nothing was sent: {string.Join("; ", result.Errors)}.");
        }

        if (rewritten is not null)
        {
            bytes = JobSpecWriter.ToUtf8(result.Spec);
            if (bytes.Length > MaxBytes)
            {
                throw CliException.Usage($"{path} with its inputs' CIDs is {bytes.Length} bytes; a job spec may be at most {MaxBytes}. Nothing was sent.");
            }
        }

        return new SpecFile(path, bytes, result.Spec, Cid.ForBlock(MulticodecCode.Raw, bytes), inputs);
    }
}
