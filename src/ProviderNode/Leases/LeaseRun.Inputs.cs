using DePinGpu.Ipfs.UnixFs;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.Protocol.JobSpecs;

namespace DePinGpu.ProviderNode.Leases;

/// <summary>The spec's inputs, placed where the workload reads them (<c>$DEPIN_INPUT_DIR/&lt;name&gt;</c>).</summary>
public sealed partial class LeaseRun
{
    /// <summary>
    /// Fetches every input of <paramref name="spec"/> (uploaded by the tenant, or from peers; verified block by block)
    /// and exports it into the run's <c>inputs</c> folder. An input already there (a restart in place, an adopted
    /// workload) is kept. Returns the folder (null when the spec has none), or why an input could not be placed.
    /// </summary>
    private async Task<(string? Directory, string? Problem)> PlaceInputsAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        if (spec.Inputs.Count == 0)
        {
            return (null, null);
        }

        var directory = Path.Combine(WorkloadDirectory, "inputs");
        Directory.CreateDirectory(directory);
        foreach (var input in spec.Inputs)
        {
            // The parser allows only plain names (no separators, not "." or ".."), so this stays inside the folder.
            var destination = Path.Combine(directory, input.Name);
            if (Path.Exists(destination))
            {
                continue;
            }

            var cid = Cid.Parse(input.Cid);
            if (await _context.Specs.GetAsync(cid, _context.SpecWait, cancellationToken).ConfigureAwait(false) is null)
            {
                return (null, $"input {input.Name} ({input.Cid}) could not be fetched");
            }

            try
            {
                await new UnixFsExporter(_context.Content.Blocks).ExportAsync(cid, destination, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException or NotSupportedException)
            {
                return (null, $"input {input.Name} ({input.Cid}) could not be exported: {exception.Message}");
            }
        }

        return (directory, null);
    }
}
